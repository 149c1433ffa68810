namespace BackpropParity.Harness.Comparison;

/// <summary>
/// How far apart two sides' values of one tensor are. <see cref="LimitUsed"/> is max over elements of
/// |a − e| / (atol + rtol·|e|): at most 1 passes, and how far below 1 it stays is the margin left to the tolerance.
/// <see cref="MaxUlps"/> counts representable numbers of the run's dtype between the two (saturating at
/// <see cref="long.MaxValue"/>: beyond counting, as with a NaN). <see cref="Cosine"/> is a·e / (|a|·|e|): 1 when the two
/// point the same way, whatever their difference in size (a gradient scaled by a wrong 1/N keeps cosine 1, a wrong sign
/// gives −1). <see cref="MaxExpectedMagnitude"/> is the largest |e|, the scale the tolerances are judged against.
/// </summary>
public sealed record TensorDistance(Extreme Absolute, Extreme Relative, long MaxUlps, double LimitUsed, double Cosine, double MaxExpectedMagnitude);
