namespace BackpropParity.Harness.Zoo;

/// <summary>What the suite made of one mutant across every zoo scenario.</summary>
public sealed record ZooResult(
    string Mutant,
    string Bug,
    string ExpectedLocalization,
    IReadOnlyList<string> DetectedBy,
    IReadOnlyList<string> MissedBy,
    string? FirstDetection,
    string? Localized,
    bool LocalizedCorrectly)
{
    public bool Detected => DetectedBy.Count > 0;
}
