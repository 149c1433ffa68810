namespace BackpropParity.Harness.Fixtures;

/// <summary>The outcome of a regeneration: the verdict, whether the file was written, and the lines that explain it.</summary>
public sealed record RegenerationOutcome(FixtureVerdict Verdict, bool Written, IReadOnlyList<string> Lines, long Bytes);
