namespace BackpropParity.Harness.Comparison;

/// <summary>One element that disagrees: where, what was expected, what came, and by how much.</summary>
public sealed record ElementDifference(int FlatIndex, string Index, double Expected, double Actual, double AbsoluteDifference, long Ulps);
