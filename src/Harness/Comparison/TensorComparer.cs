using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>Compares two values of one tensor element by element. Pure: numbers in, numbers out.</summary>
public static class TensorComparer
{
    /// <summary>How many of the worst elements a failing comparison keeps, worst first.</summary>
    public const int WorstElementCount = 5;

    // Finite a agrees with finite e when |a − e| ≤ atol + rtol·|e|. A NaN or ±Inf on either side agrees only with the
    // same non-finite value (NaN with NaN, +Inf with +Inf), and only when the scenario declares it expects non-finite
    // values (nonFiniteExpected); otherwise it is an infinite difference against a limit of 1. (Without this rule a
    // stored +Inf would accept anything: |a − ∞| ≤ atol + rtol·∞ is ∞ ≤ ∞.)
    //
    // One pass, a register at a time, gives every figure a summary needs (mismatches, the largest difference and
    // where it first occurs, the same for the relative difference, the share of the limit, the largest |e|, the
    // cosine's sums); it is most of a parity run's work, as every tensor of every step goes through it twice. Only a
    // tensor that fails is read again, for its worst elements and the a − e map.
    public static TensorComparison Compare(int step, Phase phase, NamedTensor expected, NamedTensor actual, ToleranceSpec tolerance, DType dtype,
        bool nonFiniteExpected = false)
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            return TensorComparison.Structural(step, phase, expected.Name, expected.Shape,
                $"shape differs: expected {expected.ShapeText}, actual {actual.ShapeText}");

        ReadOnlySpan<double> expectedValues = expected.Values, actualValues = actual.Values;
        double atol = tolerance.AbsoluteTolerance, rtol = tolerance.RelativeTolerance;
        Statistics statistics = Summarise(expectedValues, actualValues, atol, rtol, nonFiniteExpected);

        long maxUlps = statistics.MaxAbsolute > 0 ? Ulps.MaxDistance(actualValues, expectedValues, dtype) : 0;
        IReadOnlyList<ElementDifference> worstElements = [];   // a passing tensor has none (and allocates none)
        double[]? differences = null;
        if (statistics.Mismatched > 0)
        {
            worstElements = Worst(expected, actual, atol, rtol, dtype, nonFiniteExpected);
            differences = new double[expectedValues.Length];
            for (int i = 0; i < differences.Length; i++) differences[i] = actualValues[i] - expectedValues[i];
        }

        return new TensorComparison(step, phase, expected.Name, expected.Shape, expected.Values.Length, statistics.Mismatched,
            statistics.MaxAbsolute, expected.IndexText(statistics.MaxAbsoluteAt), statistics.MaxRelative, expected.IndexText(statistics.MaxRelativeAt),
            maxUlps, statistics.LimitUsed, worstElements, statistics.Cosine, differences, MaxExpectedMagnitude: statistics.MaxMagnitude);
    }

    /// <summary>
    /// One element's share of its limit under the rule above: at most 1 agrees, 0 for equal values (and for the same
    /// expected non-finite value), +∞ for any other NaN or ±Inf. The element-by-element form of what the register pass
    /// counts, for callers that judge single elements (kinks, the free-running loss).
    /// </summary>
    public static double ShareOfLimit(double e, double a, ToleranceSpec tolerance, bool nonFiniteExpected)
    {
        var (absolute, limit, _) = Difference(e, a, tolerance.AbsoluteTolerance, tolerance.RelativeTolerance, nonFiniteExpected);
        return absolute == 0 ? 0 : absolute / limit;
    }

    private static readonly Vector<double> BelowOne = new(1 - Math.ScaleB(1, -40));

    private readonly record struct Statistics(int Mismatched, double MaxAbsolute, int MaxAbsoluteAt, double MaxRelative, int MaxRelativeAt,
        double LimitUsed, double MaxMagnitude, double Cosine);

    // One element's difference as the comparison counts it: 0 when equal (or the same expected non-finite value),
    // +∞ against a limit of 1 for any other NaN or ±Inf on either side.
    private static (double Absolute, double Limit, double Relative) Difference(double e, double a, double atol, double rtol, bool nonFiniteExpected)
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

    // Each lane keeps its own running maxima and the index where each was first reached (a maximum moves only for a
    // strictly larger value, so a NaN never wins and ties keep the earliest). Across lanes, the largest maximum wins
    // and, among lanes that reached it, the smallest index: the first element overall with that value.
    private static Statistics Summarise(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol, bool nonFiniteExpected)
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
            var (absolute, limit, relative) = Difference(e, a, atol, rtol, nonFiniteExpected);
            if (!(absolute <= limit)) mismatched++;
            if (absolute > maxAbsolute) (maxAbsolute, maxAbsoluteAt) = (absolute, i);
            if (relative > maxRelative) (maxRelative, maxRelativeAt) = (relative, i);
            if (absolute / limit > limitUsed) limitUsed = absolute / limit;
        }
        return new Statistics((int)mismatched, maxAbsolute, maxAbsoluteAt, maxRelative, maxRelativeAt, limitUsed, maxMagnitude,
            Cosine(dot, expectedSquares, actualSquares));
    }

    // The larger of two maxima, and for equal maxima the earlier index.
    private static (double Value, int At) Larger(double value, int at, double candidate, int candidateAt) =>
        candidate > value || (candidate == value && candidate > 0 && candidateAt < at) ? (candidate, candidateAt) : (value, at);

    // The k elements furthest beyond their limit, worst first (a min-heap on |a − e| / limit keeps the k worst).
    private static List<ElementDifference> Worst(NamedTensor expected, NamedTensor actual, double atol, double rtol, DType dtype, bool nonFiniteExpected)
    {
        var worst = new PriorityQueue<int, double>();
        for (int i = 0; i < expected.Values.Length; i++)
        {
            var (absolute, limit, _) = Difference(expected.Values[i], actual.Values[i], atol, rtol, nonFiniteExpected);
            if (absolute == 0) continue;
            double share = absolute / limit;
            if (worst.Count < WorstElementCount) worst.Enqueue(i, share);
            else if (worst.TryPeek(out _, out double least) && share > least) worst.EnqueueDequeue(i, share);
        }
        var elements = new List<ElementDifference>(worst.Count);
        while (worst.TryDequeue(out int i, out _))
        {
            double e = expected.Values[i], a = actual.Values[i];
            elements.Add(new ElementDifference(i, expected.IndexText(i), e, a, Math.Abs(a - e), Ulps.Distance(a, e, dtype)));
        }
        elements.Reverse();
        return elements;
    }

    // a·e / (|a|·|e|); 1 when both are zero (they agree), NaN when a value is NaN.
    private static double Cosine(double dot, double expectedSquares, double actualSquares)
    {
        if (expectedSquares == 0 && actualSquares == 0) return 1;
        return dot / (Math.Sqrt(expectedSquares) * Math.Sqrt(actualSquares));
    }
}
