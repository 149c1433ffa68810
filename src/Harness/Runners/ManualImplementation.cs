using System.Numerics;
using BackpropParity.Harness.Audit;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// The project's own hand-written implementation (<c>src/Manual</c>), plugged in as any user's implementation is:
/// through <see cref="IImplementation"/>. Its parts come from an <see cref="IManualFactory"/>: the real ones, or, for
/// the bug zoo and the tests, one real part wrapped in a small named mistake. It can also run each operation alone,
/// so a failing step is audited operation by operation.
/// </summary>
public sealed class ManualImplementation(IManualFactory? factory = null) : IImplementation, IOperationAudit
{
    public const string SideName = "manual";

    public IManualFactory Factory { get; } = factory ?? ManualFactory.Instance;

    public string Name => SideName;

    // The lessons' scalar examples are not networks: their manual side is the chain-rule code (ExpressionSession).
    public string? Unsupported(ScenarioSpec spec) => spec.IsExpression ? "a scalar expression, not a network" : null;

    public ITrainingRun<T> Start<T>(TrainingSetup<T> setup) where T : unmanaged, IFloatingPointIeee754<T> =>
        new ManualTrainingRun<T>(setup, Factory);

    public IReadOnlyList<OperationCheck> Audit(Scenario scenario, TraceStep reference, IReadOnlyList<NamedTensor> startParameters) =>
        LayerAudit.Run(scenario, reference, startParameters, Factory);
}
