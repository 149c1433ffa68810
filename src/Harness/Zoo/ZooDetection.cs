using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>The first scenario that caught a mutant: where its first mismatch was (none when a setting differs) and what the report named.</summary>
public sealed record ZooDetection(ScenarioSpec Scenario, TensorComparison? FirstMismatch, Suspect? Suspect);
