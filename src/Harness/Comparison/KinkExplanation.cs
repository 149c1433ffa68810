namespace BackpropParity.Harness.Comparison;

/// <summary>One step whose every disagreement a kink explains.</summary>
public sealed record KinkExplanation(int Step, IReadOnlyList<KinkFlip> Flips, int ElementsExplained);
