using System.Numerics;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// The figures a report gives for one tensor, in one pass: the largest |a − e| and where it first occurs, the same for
/// the relative difference |a − e| / |e|, the largest share of the limit used, the largest |e|, the cosine a·e / (|a|·|e|),
/// and a count of the elements beyond their limit. Not the verdict (that is <see cref="AgreementRule.Mismatches"/>,
/// a plain loop): a summary, computed a register at a time because every tensor of every step goes through it, and
/// tested element for element against the plain definitions on random data with NaN, ±Inf, −0, subnormals and the
/// largest doubles (its count must equal the verdict's).
/// </summary>
public readonly record struct DifferenceSummary(int Mismatched, double MaxAbsolute, int MaxAbsoluteAt, double MaxRelative, int MaxRelativeAt,
    double LimitUsed, double MaxMagnitude, double Cosine)
{
    private static readonly Vector<double> BelowOne = new(1 - Math.ScaleB(1, -40));

    // Each lane keeps its own running maxima and the index where each was first reached (a maximum moves only for a
    // strictly larger value, so a NaN never wins and ties keep the earliest). Across lanes, the largest maximum wins
    // and, among lanes that reached it, the smallest index: the first element overall with that value.
    public static DifferenceSummary Of(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol, bool nonFiniteExpected)
    {
        int i = 0;
        long mismatched = 0;
        double maxAbsolute = 0, maxRelative = 0, limitUsed = 0, maxMagnitude = 0;
        int maxAbsoluteAt = 0, maxRelativeAt = 0;
        double dot = 0, expectedSquares = 0, actualSquares = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && expected.Length >= width)
        {
            Vector<double> zero = Vector<double>.Zero, infinity = new(double.PositiveInfinity), one = Vector<double>.One, largest = new(double.MaxValue);
            Vector<double> absoluteTolerance = new(atol), relativeTolerance = new(rtol);
            Vector<double> absolutes = zero, relatives = zero, shares = zero, magnitudes = zero;
            Vector<double> dots = zero, expectedSquareSums = zero, actualSquareSums = zero;
            Vector<long> counts = Vector<long>.Zero, absolutesAt = Vector<long>.Zero, relativesAt = Vector<long>.Zero;
            Vector<long> lanes = Vector<long>.Indices;
            for (; i <= expected.Length - width; i += width)
            {
                Vector<double> e = new(expected[i..]), a = new(actual[i..]);
                dots += e * a;
                expectedSquareSums += e * e;
                actualSquareSums += a * a;
                Vector<double> magnitude = Vector.Abs(e);
                magnitudes = Vector.ConditionalSelect(Vector.GreaterThan(magnitude, magnitudes), magnitude, magnitudes);
                // A lane is non-finite when e or a is NaN or ±Inf (a NaN fails every comparison, so is caught too).
                Vector<long> nonFinite = ~(Vector.LessThanOrEqual(magnitude, largest) & Vector.LessThanOrEqual(Vector.Abs(a), largest));
                if (Vector.EqualsAll(e, a) && (nonFiniteExpected || nonFinite == Vector<long>.Zero))
                    continue;   // no difference to count (often so: the divisions below are the pass's cost)

                Vector<long> equal = Vector.Equals(e, a);
                Vector<long> same = equal | (~Vector.Equals(e, e) & ~Vector.Equals(a, a));   // equal, or both NaN
                Vector<long> agreeing = nonFiniteExpected ? same : equal & ~nonFinite;
                Vector<double> absolute = Vector.Abs(a - e);
                Vector<long> broken = ~agreeing & (nonFinite | ~Vector.LessThanOrEqual(absolute, largest));   // infinite difference
                absolute = Vector.ConditionalSelect(agreeing, zero, Vector.ConditionalSelect(broken, infinity, absolute));
                Vector<double> limit = Vector.ConditionalSelect(broken, one, absoluteTolerance + relativeTolerance * magnitude);
                counts -= ~agreeing & ~Vector.LessThanOrEqual(absolute, limit);   // a true lane is −1

                Vector<long> index = new Vector<long>(i) + lanes;
                Vector<long> largerAbsolute = Vector.GreaterThan(absolute, absolutes);
                absolutes = Vector.ConditionalSelect(largerAbsolute, absolute, absolutes);
                absolutesAt = Vector.ConditionalSelect(largerAbsolute, index, absolutesAt);

                // The divisions are the pass's cost, and a ratio is only needed where it may beat its lane's maximum:
                // absolute < max·denominator·(1 − 2⁻⁴⁰) (the product rounded at most twice, each by far less than
                // the margin) means absolute / denominator < max exactly, so its rounded quotient cannot be larger.
                if (!Vector.LessThanAll(absolute, relatives * magnitude * BelowOne))
                {
                    Vector<double> relative = Vector.ConditionalSelect(agreeing, zero, Vector.ConditionalSelect(broken, infinity, absolute / magnitude));
                    Vector<long> largerRelative = Vector.GreaterThan(relative, relatives);
                    relatives = Vector.ConditionalSelect(largerRelative, relative, relatives);
                    relativesAt = Vector.ConditionalSelect(largerRelative, index, relativesAt);
                }
                if (!Vector.LessThanAll(absolute, shares * limit * BelowOne))
                {
                    Vector<double> share = absolute / limit;
                    shares = Vector.ConditionalSelect(Vector.GreaterThan(share, shares), share, shares);
                }
            }
            mismatched = Vector.Sum(counts);
            dot = Vector.Sum(dots);
            expectedSquares = Vector.Sum(expectedSquareSums);
            actualSquares = Vector.Sum(actualSquareSums);
            for (int lane = 0; lane < width; lane++)
            {
                (maxAbsolute, maxAbsoluteAt) = Larger(maxAbsolute, maxAbsoluteAt, absolutes[lane], (int)absolutesAt[lane]);
                (maxRelative, maxRelativeAt) = Larger(maxRelative, maxRelativeAt, relatives[lane], (int)relativesAt[lane]);
                if (shares[lane] > limitUsed) limitUsed = shares[lane];
                if (magnitudes[lane] > maxMagnitude) maxMagnitude = magnitudes[lane];
            }
        }
        for (; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            dot += e * a;
            expectedSquares += e * e;
            actualSquares += a * a;
            if (Math.Abs(e) > maxMagnitude) maxMagnitude = Math.Abs(e);
            var (absolute, limit, relative) = AgreementRule.Difference(e, a, atol, rtol, nonFiniteExpected);
            if (!(absolute <= limit)) mismatched++;
            if (absolute > maxAbsolute) (maxAbsolute, maxAbsoluteAt) = (absolute, i);
            if (relative > maxRelative) (maxRelative, maxRelativeAt) = (relative, i);
            if (absolute / limit > limitUsed) limitUsed = absolute / limit;
        }
        return new DifferenceSummary((int)mismatched, maxAbsolute, maxAbsoluteAt, maxRelative, maxRelativeAt, limitUsed, maxMagnitude,
            CosineOf(dot, expectedSquares, actualSquares));
    }

    // The larger of two maxima, and for equal maxima the earlier index.
    private static (double Value, int At) Larger(double value, int at, double candidate, int candidateAt) =>
        candidate > value || (candidate == value && candidate > 0 && candidateAt < at) ? (candidate, candidateAt) : (value, at);

    // a·e / (|a|·|e|); 1 when both are zero (they agree), NaN when a value is NaN.
    private static double CosineOf(double dot, double expectedSquares, double actualSquares)
    {
        if (expectedSquares == 0 && actualSquares == 0) return 1;
        return dot / (Math.Sqrt(expectedSquares) * Math.Sqrt(actualSquares));
    }
}
