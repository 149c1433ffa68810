using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// A step a fixture recorded in full: the parameters it started from (so any side can replay this one step
/// from exactly there) and every tensor it computed.
/// </summary>
public sealed record RecordedStep(IReadOnlyList<NamedTensor> StartParameters, TraceStep Step);
