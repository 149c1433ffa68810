namespace BackpropParity.Harness.Comparison;

/// <summary>A setting on which two sides differ: "learning rate: torch 0.5, manual 0.25".</summary>
public sealed record SettingDifference(string Setting, string ExpectedSide, string? Expected, string ActualSide, string? Actual);
