namespace BackpropParity.Harness.Comparison;

/// <summary>The largest disagreement of one step: its share of the tolerance, its absolute size, and which tensor.</summary>
public sealed record StepError(int Step, double LimitUsed, double MaxAbsoluteDifference, string WorstTensor);
