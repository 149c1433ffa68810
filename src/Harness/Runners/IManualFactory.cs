using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// Makes the manual side's parts for a scenario: layers, loss, optimizer, and whether gradients are zeroed between
/// steps. The default makes the real ones; the bug zoo and the tests hand the runner a factory that wraps one real
/// part in a small, named mistake, to prove the comparison catches and locates it.
/// </summary>
public interface IManualFactory
{
    ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>;

    ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        LossKind.MeanSquaredError => new MeanSquaredError<T>(),
        LossKind.HalfSquaredError => new HalfSquaredError<T>(),
        LossKind.BinaryCrossEntropy => new BinaryCrossEntropy<T>(),
        LossKind.SoftmaxCrossEntropy => new SoftmaxCrossEntropy<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => spec.Kind switch
    {
        "sgd" => new Sgd<T>(T.CreateChecked(spec.LearningRate)),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown optimizer"),
    };

    /// <summary>Whether a step begins by clearing the gradients (as <c>optimizer.zero_grad()</c> does).</summary>
    bool ZeroGradBetweenSteps => true;
}
