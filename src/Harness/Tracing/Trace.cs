using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tracing;

/// <summary>
/// One side's record of a run: which side, which scenario, and its steps in order.
/// <see cref="Steps"/> is produced as it is read: a runner computes step k when step k is asked for, so a
/// 5000-step run is compared step by step without holding every tensor of every step in memory.
/// Read it once.
/// </summary>
public sealed record Trace(string Side, ScenarioSpec Spec, IEnumerable<TraceStep> Steps);
