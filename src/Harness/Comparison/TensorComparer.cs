using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>Compares two values of one tensor element by element. Pure: numbers in, numbers out.</summary>
public static class TensorComparer
{
    /// <summary>How many of the worst elements a failing comparison keeps, worst first.</summary>
    public const int WorstElementCount = 5;

    // The verdict is AgreementRule's plain loop; the figures around it come from DifferenceSummary's one pass. Only a
    // tensor that fails is read again, for its worst elements and the a − e map.
    public static TensorComparison Compare(int step, Phase phase, NamedTensor expected, NamedTensor actual, ToleranceSpec tolerance, DType dtype,
        bool nonFiniteExpected = false)
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            return TensorComparison.Structural(step, phase, expected.Name, expected.Shape,
                $"shape differs: expected {expected.ShapeText}, actual {actual.ShapeText}");

        ReadOnlySpan<double> expectedValues = expected.Values, actualValues = actual.Values;
        double atol = tolerance.AbsoluteTolerance, rtol = tolerance.RelativeTolerance;
        int mismatched = AgreementRule.Mismatches(expectedValues, actualValues, tolerance, nonFiniteExpected);
        DifferenceSummary statistics = DifferenceSummary.Of(expectedValues, actualValues, atol, rtol, nonFiniteExpected);

        long maxUlps = statistics.MaxAbsolute > 0 ? Ulps.MaxDistance(actualValues, expectedValues, dtype) : 0;
        IReadOnlyList<ElementDifference> worstElements = [];   // a passing tensor has none (and allocates none)
        double[]? differences = null;
        if (mismatched > 0)
        {
            worstElements = Worst(expected, actual, atol, rtol, dtype, nonFiniteExpected);
            differences = new double[expectedValues.Length];
            for (int i = 0; i < differences.Length; i++) differences[i] = actualValues[i] - expectedValues[i];
        }

        var distance = new TensorDistance(new Extreme(statistics.MaxAbsolute, expected.IndexText(statistics.MaxAbsoluteAt)),
            new Extreme(statistics.MaxRelative, expected.IndexText(statistics.MaxRelativeAt)), maxUlps, statistics.LimitUsed, statistics.Cosine, statistics.MaxMagnitude);
        return new TensorComparison(step, phase, expected.Name, expected.Shape, expected.Values.Length, mismatched, distance, worstElements, differences);
    }

    // The k elements furthest beyond their limit, worst first (a min-heap on |a − e| / limit keeps the k worst).
    private static List<ElementDifference> Worst(NamedTensor expected, NamedTensor actual, double atol, double rtol, DType dtype, bool nonFiniteExpected)
    {
        var worst = new PriorityQueue<int, double>();
        for (int i = 0; i < expected.Values.Length; i++)
        {
            var (absolute, limit, _) = AgreementRule.Difference(expected.Values[i], actual.Values[i], atol, rtol, nonFiniteExpected);
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
}
