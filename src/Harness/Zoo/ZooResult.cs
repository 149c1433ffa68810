namespace BackpropParity.Harness.Zoo;

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
