using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// The real manual parts for one scenario, with one mistake in the part it belongs to: the layers of the mistake's
/// kind, the loss, or the optimizer. Everything else is the real code.
/// </summary>
public sealed class MutatedFactory(Mistake mistake, ScenarioSpec scenario) : IManualFactory
{
    private static readonly IManualFactory Real = ManualFactory.Instance;

    public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ILayer<T> real = Real.Create<T>(spec);
        return mistake switch
        {
            SlopeMistake slope when slope.Layer == spec.Kind => new MutatedLayer<T>(real, slope, scenario.Optimizer.LearningRate),
            LinearMistake linear when spec.Kind == LayerKind.Linear && (!linear.SquareOnly || spec.InFeatures == spec.OutFeatures)
                => new MutatedLayer<T>(real, linear, scenario.Optimizer.LearningRate),
            _ => real,
        };
    }

    public ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ILoss<T> real = Real.CreateLoss<T>(kind);
        return mistake is LossMistake loss && (loss.Only is null || loss.Only == kind) ? new MutatedLoss<T>(real, loss) : real;
    }

    public IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => mistake switch
    {
        LearningRateMistake rate => Real.CreateOptimizer<T>(spec with { LearningRate = spec.LearningRate * rate.Factor }),
        UpdateMistake update => new MutatedOptimizer<T>(Real.CreateOptimizer<T>(spec), update),
        _ => Real.CreateOptimizer<T>(spec),
    };

    public bool ZeroGradBetweenSteps => mistake is not GradientsNotZeroed;
}
