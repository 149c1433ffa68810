using System.Runtime.CompilerServices;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// When two values agree, element by element, and the verdict on a tensor as a plain loop: the rule of DESIGN.md,
/// written so that it can be checked by reading it. Finite a agrees with finite e when |a − e| ≤ atol + rtol·|e|. A NaN
/// or ±Inf on either side agrees only with the same non-finite value (NaN with NaN, +Inf with +Inf), and only when the
/// scenario declares it expects non-finite values. (Without that rule a stored +Inf would accept anything:
/// |a − ∞| ≤ atol + rtol·∞ is ∞ ≤ ∞.)
/// </summary>
public static class AgreementRule
{
    public static bool Agrees(double expected, double actual, ToleranceSpec tolerance, bool nonFiniteExpected) =>
        Agrees(expected, actual, tolerance.AbsoluteTolerance, tolerance.RelativeTolerance, nonFiniteExpected);

    /// <summary>The verdict on a tensor: how many elements disagree (0 passes).</summary>
    public static int Mismatches(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, ToleranceSpec tolerance, bool nonFiniteExpected)
    {
        double atol = tolerance.AbsoluteTolerance, rtol = tolerance.RelativeTolerance;
        int mismatches = 0;
        for (int i = 0; i < expected.Length; i++)
            if (!Agrees(expected[i], actual[i], atol, rtol, nonFiniteExpected))
                mismatches++;
        return mismatches;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Agrees(double e, double a, double atol, double rtol, bool nonFiniteExpected) =>
        double.IsFinite(e) && double.IsFinite(a)
            ? Math.Abs(a - e) <= atol + rtol * Math.Abs(e)
            : nonFiniteExpected && (e == a || (double.IsNaN(e) && double.IsNaN(a)));

    /// <summary>
    /// One element's share of its limit, |a − e| / (atol + rtol·|e|): at most 1 agrees (exactly when
    /// <see cref="Agrees"/> says so), 0 for equal values and for the same expected non-finite value, +∞ for any other
    /// NaN or ±Inf. For callers that judge single elements (kinks, the free-running loss) and for the reports' margins.
    /// </summary>
    public static double ShareOfLimit(double expected, double actual, ToleranceSpec tolerance, bool nonFiniteExpected)
    {
        var (absolute, limit, _) = Difference(expected, actual, tolerance.AbsoluteTolerance, tolerance.RelativeTolerance, nonFiniteExpected);
        return absolute == 0 ? 0 : absolute / limit;
    }

    // One element's difference as the summaries count it: 0 when equal (or the same expected non-finite value),
    // +∞ against a limit of 1 for any other NaN or ±Inf on either side.
    internal static (double Absolute, double Limit, double Relative) Difference(double e, double a, double atol, double rtol, bool nonFiniteExpected)
    {
        if (!double.IsFinite(e) || !double.IsFinite(a))
        {
            bool same = e == a || (double.IsNaN(e) && double.IsNaN(a));
            return same && nonFiniteExpected ? (0, double.PositiveInfinity, 0) : (double.PositiveInfinity, 1, double.PositiveInfinity);
        }
        if (e == a) return (0, atol + rtol * Math.Abs(e), 0);
        double absolute = Math.Abs(a - e), magnitude = Math.Abs(e);
        if (double.IsInfinity(absolute)) return (double.PositiveInfinity, 1, double.PositiveInfinity);   // finite values ±max apart
        return (absolute, atol + rtol * magnitude, magnitude == 0 ? double.PositiveInfinity : absolute / magnitude);
    }
}
