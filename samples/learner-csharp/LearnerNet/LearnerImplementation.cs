using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;

namespace LearnerNet;

/// <summary>
/// The learner's network as the suite sees it: the name in reports, what it can run, and how to start it.
/// <paramref name="bug"/> "relu-slope" keeps ReLU's slope at 1 everywhere, a classic mistake, to see the suite find it.
/// </summary>
public sealed class LearnerImplementation(string? bug = null) : IImplementation
{
    public string Name => bug is null ? "learner" : $"learner-{bug}";

    public string? Unsupported(ScenarioSpec spec) =>
        spec.IsExpression ? "a scalar expression, not a network"
        : spec.Optimizer.Kind != "sgd" ? $"optimizer {spec.Optimizer.Kind}: plain SGD only"
        : null;

    public ITrainingRun<T> Start<T>(TrainingSetup<T> setup) where T : unmanaged, IFloatingPointIeee754<T> => new Network<T>(setup, bug);
}
