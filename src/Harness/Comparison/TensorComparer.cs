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

        for (int i = 0; i < expected.Values.Length; i++)
        {
            double e = expected.Values[i], a = actual.Values[i];
            double absolute = e == a ? 0 : Math.Abs(a - e);                 // NaN when either is NaN
            double relative = absolute == 0 ? 0 : absolute / Math.Abs(e);   // +∞ when e is 0
            double ratio = absolute == 0 ? 0 : absolute / tolerance.Limit(e);
            if (double.IsNaN(absolute)) absolute = relative = ratio = double.PositiveInfinity;

            if (ratio > 1) mismatched++;
            if (absolute > maxAbsolute) (maxAbsolute, maxAbsoluteAt) = (absolute, i);
            if (relative > maxRelative) (maxRelative, maxRelativeAt) = (relative, i);
            limitUsed = Math.Max(limitUsed, ratio);
            maxUlps = Math.Max(maxUlps, Ulps.Distance(a, e, dtype));

            if (ratio > 0 && (worst.Count < WorstElementCount || (worst.TryPeek(out _, out double least) && ratio > least)))
            {
                if (worst.Count == WorstElementCount) worst.Dequeue();
                worst.Enqueue(i, ratio);
            }
        }

        var worstElements = new List<ElementDifference>(worst.Count);
        while (worst.TryDequeue(out int i, out _))
        {
            double e = expected.Values[i], a = actual.Values[i];
            worstElements.Add(new ElementDifference(i, expected.IndexText(i), e, a, Math.Abs(a - e), Ulps.Distance(a, e, dtype)));
        }
        worstElements.Reverse();

        return new TensorComparison(step, phase, expected.Name, expected.Shape, expected.Values.Length, mismatched,
            maxAbsolute, expected.IndexText(maxAbsoluteAt), maxRelative, expected.IndexText(maxRelativeAt),
            maxUlps, limitUsed, worstElements);
    }
}
