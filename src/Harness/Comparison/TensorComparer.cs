using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>Compares two values of one tensor element by element. Pure: numbers in, numbers out.</summary>
public static class TensorComparer
{
    /// <summary>How many of the worst elements a comparison keeps, worst first.</summary>
    public const int WorstElementCount = 5;

    // a agrees with e when |a − e| ≤ atol + rtol·|e|. Equal values (including equal infinities) always agree;
    // NaN never does, on either side (torch.testing.assert_close's equal_nan=False).
    public static TensorComparison Compare(int step, Phase phase, NamedTensor expected, NamedTensor actual, ToleranceSpec tolerance, DType dtype)
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            return TensorComparison.Structural(step, phase, expected.Name, expected.Shape,
                $"shape differs: expected {expected.ShapeText}, actual {actual.ShapeText}");

        int mismatched = 0;
        double maxAbsolute = 0, maxRelative = 0, limitUsed = 0;
        int maxAbsoluteAt = 0, maxRelativeAt = 0;
        long maxUlps = 0;
        var worst = new PriorityQueue<int, double>();   // min-heap on the ratio keeps the k worst
        double leastWorst = 0;                          // the smallest ratio in a full heap
        double maxMagnitude = 0;
        ReadOnlySpan<double> expectedValues = expected.Values, actualValues = actual.Values;
        double atol = tolerance.AbsoluteTolerance, rtol = tolerance.RelativeTolerance;

        // The hot loop of every comparison: equal elements (the common case) cost one compare; for the others,
        // each division is done only when its result can raise a running maximum.
        for (int i = 0; i < expectedValues.Length; i++)
        {
            double e = expectedValues[i], a = actualValues[i];
            if (Math.Abs(e) > maxMagnitude) maxMagnitude = Math.Abs(e);
            if (e == a) continue;   // agrees exactly: nothing to record (ratio 0, 0 ulps)

            double absolute = Math.Abs(a - e), magnitude = Math.Abs(e), limit = atol + rtol * magnitude;
            if (double.IsNaN(absolute))
            {
                absolute = double.PositiveInfinity;   // NaN on either side never agrees
                limit = 1;
            }
            if (!(absolute <= limit)) mismatched++;
            if (absolute > maxAbsolute) (maxAbsolute, maxAbsoluteAt) = (absolute, i);
            if (absolute > maxRelative * magnitude) (maxRelative, maxRelativeAt) = (magnitude == 0 ? double.PositiveInfinity : absolute / magnitude, i);
            if (absolute > limitUsed * limit) limitUsed = absolute / limit;

            if (worst.Count < WorstElementCount || absolute > leastWorst * limit)
            {
                if (worst.Count == WorstElementCount) worst.Dequeue();
                worst.Enqueue(i, absolute / limit);
                if (worst.Count == WorstElementCount) worst.TryPeek(out _, out leastWorst);
            }
        }

        if (maxAbsolute > 0) maxUlps = Ulps.MaxDistance(actualValues, expectedValues, dtype);

        var worstElements = new List<ElementDifference>(worst.Count);
        while (worst.TryDequeue(out int i, out _))
        {
            double e = expected.Values[i], a = actual.Values[i];
            worstElements.Add(new ElementDifference(i, expected.IndexText(i), e, a, Math.Abs(a - e), Ulps.Distance(a, e, dtype)));
        }
        worstElements.Reverse();

        double[]? differences = null;
        if (mismatched > 0)
        {
            differences = new double[expectedValues.Length];
            for (int i = 0; i < differences.Length; i++) differences[i] = actualValues[i] - expectedValues[i];
        }

        return new TensorComparison(step, phase, expected.Name, expected.Shape, expected.Values.Length, mismatched,
            maxAbsolute, expected.IndexText(maxAbsoluteAt), maxRelative, expected.IndexText(maxRelativeAt),
            maxUlps, limitUsed, worstElements, CosineSimilarity(expectedValues, actualValues), differences, MaxExpectedMagnitude: maxMagnitude);
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
