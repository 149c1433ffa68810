namespace BackpropParity.Harness.Comparison;

/// <summary>One tensor name across every compared step: how close it came to its limit, and where it first failed.</summary>
public sealed record TensorSummary(string Name, int StepsCompared, int StepsFailed, int? FirstFailedStep, double WorstLimitUsed, long MaxUlps, double MaxAbsoluteDifference, double MaxExpectedMagnitude = 0);
