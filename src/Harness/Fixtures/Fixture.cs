using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// A stored reference run: everything needed to replay it (data, initial parameters, the spec) and what the
/// reference computed (the loss at every step; every tensor at the recorded steps).
/// </summary>
public sealed record Fixture(
    FixtureMetadata Metadata,
    NamedTensor Inputs,
    NamedTensor Targets,
    IReadOnlyList<NamedTensor> InitialParameters,
    double[] Losses,
    IReadOnlyDictionary<int, RecordedStep> Recorded)
{
    public const string Side = "fixture";

    /// <summary>Step k as the fixture knows it: complete when recorded, the loss alone otherwise.</summary>
    public TraceStep StepAt(int step) =>
        Recorded.TryGetValue(step, out var recorded)
            ? recorded.Step
            : new TraceStep(step, [new TraceTensor(Phase.Loss, new NamedTensor(TraceTensor.LossName, [], [Losses[step]]))], IsComplete: false);

    public Trace ToTrace(ScenarioSpec spec) => new(Side, spec, Enumerable.Range(0, Metadata.Steps).Select(StepAt));
}
