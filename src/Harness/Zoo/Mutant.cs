using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A classic backprop bug, injected into the real manual implementation: the mutant hands the runner the real
/// parts, with one of them wrapped so that it makes exactly this mistake. <see cref="Expected"/> is the place the
/// report must name: the part of the step (and the kind of layer), or the setting that differs.
/// </summary>
public abstract class Mutant : IManualFactory
{
    public abstract string Id { get; }

    /// <summary>The mistake, as a learner makes it.</summary>
    public abstract string Bug { get; }

    public abstract ExpectedSuspect Expected { get; }

    public virtual ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> =>
        ManualFactory.Instance.Create<T>(spec);

    public virtual ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T> =>
        ((IManualFactory)ManualFactory.Instance).CreateLoss<T>(kind);

    public virtual IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> =>
        ((IManualFactory)ManualFactory.Instance).CreateOptimizer<T>(spec);

    public virtual bool ZeroGradBetweenSteps => true;
}
