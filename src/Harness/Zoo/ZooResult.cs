using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>The first scenario that caught a mutant: where its first mismatch was (none when a setting differs) and what the report named.</summary>
public sealed record ZooDetection(ScenarioSpec Scenario, TensorComparison? FirstMismatch, Suspect? Suspect);

/// <summary>What the suite made of one mutant across every zoo scenario.</summary>
public sealed record ZooResult(
    string Mutant,
    string Bug,
    ExpectedSuspect Expected,
    IReadOnlyList<string> DetectedBy,
    IReadOnlyList<string> MissedBy,
    ZooDetection? First,
    bool LocalizedCorrectly)
{
    public bool Detected => DetectedBy.Count > 0;
}
