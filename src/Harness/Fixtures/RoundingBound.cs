using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// How far two runs of the same reference computation may differ and still count as the same run: rounding, not a
/// change. Per element, |new − old| ≤ 4·n·u·S: the classical n·u bound on a sum, with u the dtype's unit roundoff
/// (2⁻⁵³, 2⁻²⁴), n the tensor's accumulated reduction length (<see cref="ReductionLength"/>), S the size of the terms
/// the element was computed from (<see cref="TermMagnitudes"/>, from the stored step itself; where a tensor has none,
/// |old| + max|old|, as <c>tolerances</c> takes it), and a factor 4 for products and the two runs' independent roundings.
/// A CPU with other vector widths or another MKL code path reorders sums, and every reordering stays inside it; a
/// changed learning rate, loss or layer moves values by many times it. Non-finite values agree only with the identical value.
/// </summary>
public sealed class RoundingBound(Scenario scenario)
{
    private readonly IReadOnlyDictionary<string, int> _lengths = ReductionLength.Of(scenario);
    private readonly double _unitRoundoff = ToleranceEvidence.UnitRoundoff(scenario.Spec.DType);
    private readonly DType _dtype = scenario.Spec.DType;

    /// <summary>The rule in words, for the lines that cite it.</summary>
    public const string Rule = "|new − old| ≤ 4·n·u·Σ|terms|";

    /// <summary>How one tensor of a new run sits against the bound around the old one.</summary>
    /// <param name="termScale">S for each element (<see cref="TermMagnitudes"/>), or null for |old| + max|old|.</param>
    public TensorRounding Measure(int step, string name, int[] shape, ReadOnlySpan<double> old, ReadOnlySpan<double> updated, double[]? termScale = null)
    {
        if (old.Length != updated.Length || (termScale is not null && termScale.Length != old.Length))
            throw new ArgumentException($"{name}: {old.Length} stored values against {updated.Length} new ones.");
        int n = _lengths.GetValueOrDefault(name, 1);
        double largest = 0;
        foreach (double value in old)
            if (double.IsFinite(value)) largest = Math.Max(largest, Math.Abs(value));

        double worstShare = 0, maxDifference = 0;
        long maxUlps = 0;
        int worstIndex = -1;
        for (int i = 0; i < old.Length; i++)
        {
            double e = old[i], a = updated[i];
            if (BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a) || (e == a && double.IsFinite(e))) continue;   // same bits, or +0 and −0
            double difference = Math.Abs(a - e);
            double scale = termScale is null ? Math.Abs(e) + largest : termScale[i];
            double bound = ToleranceEvidence.SafetyFactor * n * _unitRoundoff * scale;
            double share = double.IsFinite(e) && double.IsFinite(a) ? difference / bound : double.PositiveInfinity;   // 0/0 cannot happen: e ≠ a
            if (double.IsNaN(share)) share = double.PositiveInfinity;
            maxDifference = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(maxDifference, difference);
            maxUlps = Math.Max(maxUlps, Ulps.Distance(e, a, _dtype));
            if (share > worstShare || worstIndex < 0)
            {
                worstShare = share;
                worstIndex = i;
            }
        }
        return new TensorRounding(step, name, worstIndex < 0 ? "" : NamedTensor.FormatIndex(shape, worstIndex), maxDifference, maxUlps, worstShare);
    }
}
