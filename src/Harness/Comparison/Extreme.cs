namespace BackpropParity.Harness.Comparison;

/// <summary>The largest value of one figure over a tensor's elements (|a − e|, or |a − e| / |e|), and the first element where it occurs.</summary>
public readonly record struct Extreme(double Value, string Index);
