using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>Compares two values of one tensor element by element. Pure: numbers in, numbers out.</summary>
public static class TensorComparer
{
    /// <summary>How many of the worst elements a failing comparison keeps, worst first.</summary>
    public const int WorstElementCount = 5;

    // a agrees with e when |a − e| ≤ atol + rtol·|e|. Equal values (including equal infinities) always agree;
    // NaN never does, on either side (torch.testing.assert_close's equal_nan=False).
    //
    // Two passes. The first, a register at a time, gives every figure a summary needs (mismatches, largest
    // difference, relative difference and share of the limit, largest |e|); it is most of a parity run's work, as
    // every tensor of every step goes through it twice. The second, one element at a time, finds where the largest
    // differences are and, for a tensor that fails, its worst elements and the a − e map.
    public static TensorComparison Compare(int step, Phase phase, NamedTensor expected, NamedTensor actual, ToleranceSpec tolerance, DType dtype)
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            return TensorComparison.Structural(step, phase, expected.Name, expected.Shape,
                $"shape differs: expected {expected.ShapeText}, actual {actual.ShapeText}");

        ReadOnlySpan<double> expectedValues = expected.Values, actualValues = actual.Values;
        double atol = tolerance.AbsoluteTolerance, rtol = tolerance.RelativeTolerance;
        Statistics statistics = Summarise(expectedValues, actualValues, atol, rtol);

        int maxAbsoluteAt = 0, maxRelativeAt = 0;
        long maxUlps = 0;
        var worstElements = new List<ElementDifference>();
        double[]? differences = null;
        if (statistics.MaxAbsolute > 0)
        {
            maxUlps = Ulps.MaxDistance(actualValues, expectedValues, dtype);
            (maxAbsoluteAt, maxRelativeAt) = WhereTheLargestAre(expectedValues, actualValues, atol, rtol, statistics);
        }
        if (statistics.Mismatched > 0)
        {
            worstElements = Worst(expected, actual, atol, rtol, dtype);
            differences = new double[expectedValues.Length];
            for (int i = 0; i < differences.Length; i++) differences[i] = actualValues[i] - expectedValues[i];
        }

        return new TensorComparison(step, phase, expected.Name, expected.Shape, expected.Values.Length, statistics.Mismatched,
            statistics.MaxAbsolute, expected.IndexText(maxAbsoluteAt), statistics.MaxRelative, expected.IndexText(maxRelativeAt),
            maxUlps, statistics.LimitUsed, worstElements, CosineSimilarity(expectedValues, actualValues), differences,
            MaxExpectedMagnitude: statistics.MaxMagnitude);
    }

    private readonly record struct Statistics(int Mismatched, double MaxAbsolute, double MaxRelative, double LimitUsed, double MaxMagnitude);

    // One element's difference as the comparison counts it: 0 when equal, +∞ (against a limit of 1) when either is NaN.
    private static (double Absolute, double Limit, double Relative) Difference(double e, double a, double atol, double rtol)
    {
        if (e == a) return (0, atol + rtol * Math.Abs(e), 0);
        double absolute = Math.Abs(a - e), magnitude = Math.Abs(e);
        if (double.IsNaN(absolute)) return (double.PositiveInfinity, 1, double.PositiveInfinity);
        return (absolute, atol + rtol * magnitude, magnitude == 0 ? double.PositiveInfinity : absolute / magnitude);
    }

    private static Statistics Summarise(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol)
    {
        int i = 0;
        long mismatched = 0;
        double maxAbsolute = 0, maxRelative = 0, limitUsed = 0, maxMagnitude = 0;
        if (Vector.IsHardwareAccelerated && expected.Length >= Vector<double>.Count)
        {
            Vector<double> zero = Vector<double>.Zero, infinity = new(double.PositiveInfinity), one = Vector<double>.One;
            Vector<double> absoluteTolerance = new(atol), relativeTolerance = new(rtol);
            Vector<double> absolutes = zero, relatives = zero, shares = zero, magnitudes = zero;
            Vector<long> counts = Vector<long>.Zero;
            for (; i <= expected.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> e = new(expected[i..]), a = new(actual[i..]);
                Vector<double> magnitude = Vector.Abs(e);
                magnitudes = Vector.ConditionalSelect(Vector.GreaterThan(magnitude, magnitudes), magnitude, magnitudes);   // NaN never wins, as in the scalar loop

                Vector<long> equal = Vector.Equals(e, a);
                Vector<double> absolute = Vector.Abs(a - e);
                Vector<long> nan = ~Vector.Equals(absolute, absolute) & ~equal;
                absolute = Vector.ConditionalSelect(equal, zero, Vector.ConditionalSelect(nan, infinity, absolute));
                Vector<double> limit = Vector.ConditionalSelect(nan, one, absoluteTolerance + relativeTolerance * magnitude);
                counts -= ~equal & ~Vector.LessThanOrEqual(absolute, limit);   // a true lane is −1

                // A running maximum only moves for a larger value: a NaN ratio (∞/∞ when e is infinite) never counts.
                Vector<double> relative = Vector.ConditionalSelect(equal, zero, Vector.ConditionalSelect(nan, infinity, absolute / magnitude));
                Vector<double> share = absolute / limit;
                absolutes = Vector.ConditionalSelect(Vector.GreaterThan(absolute, absolutes), absolute, absolutes);
                relatives = Vector.ConditionalSelect(Vector.GreaterThan(relative, relatives), relative, relatives);
                shares = Vector.ConditionalSelect(Vector.GreaterThan(share, shares), share, shares);
            }
            mismatched = Vector.Sum(counts);
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                if (absolutes[lane] > maxAbsolute) maxAbsolute = absolutes[lane];
                if (relatives[lane] > maxRelative) maxRelative = relatives[lane];
                if (shares[lane] > limitUsed) limitUsed = shares[lane];
                if (magnitudes[lane] > maxMagnitude) maxMagnitude = magnitudes[lane];
            }
        }
        for (; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (Math.Abs(e) > maxMagnitude) maxMagnitude = Math.Abs(e);
            var (absolute, limit, relative) = Difference(e, a, atol, rtol);
            if (!(absolute <= limit)) mismatched++;
            if (absolute > maxAbsolute) maxAbsolute = absolute;
            if (relative > maxRelative) maxRelative = relative;
            if (absolute / limit > limitUsed) limitUsed = absolute / limit;
        }
        return new Statistics((int)mismatched, maxAbsolute, maxRelative, limitUsed, maxMagnitude);
    }

    /// <summary>The first elements with the largest absolute and the largest relative difference.</summary>
    private static (int Absolute, int Relative) WhereTheLargestAre(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol, Statistics statistics)
    {
        int absoluteAt = -1, relativeAt = -1;
        for (int i = 0; i < expected.Length && (absoluteAt < 0 || relativeAt < 0); i++)
        {
            if (expected[i] == actual[i]) continue;
            var (absolute, _, relative) = Difference(expected[i], actual[i], atol, rtol);
            if (absoluteAt < 0 && absolute == statistics.MaxAbsolute) absoluteAt = i;
            if (relativeAt < 0 && relative == statistics.MaxRelative) relativeAt = i;
        }
        return (Math.Max(absoluteAt, 0), Math.Max(relativeAt, 0));
    }

    // The k elements furthest beyond their limit, worst first (a min-heap on |a − e| / limit keeps the k worst).
    private static List<ElementDifference> Worst(NamedTensor expected, NamedTensor actual, double atol, double rtol, DType dtype)
    {
        var worst = new PriorityQueue<int, double>();
        for (int i = 0; i < expected.Values.Length; i++)
        {
            var (absolute, limit, _) = Difference(expected.Values[i], actual.Values[i], atol, rtol);
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
    private static double CosineSimilarity(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        double dot = 0, expectedSquares = 0, actualSquares = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            dot += expected[i] * actual[i];
            expectedSquares += expected[i] * expected[i];
            actualSquares += actual[i] * actual[i];
        }
        if (expectedSquares == 0 && actualSquares == 0) return 1;
        return dot / (Math.Sqrt(expectedSquares) * Math.Sqrt(actualSquares));
    }
}
