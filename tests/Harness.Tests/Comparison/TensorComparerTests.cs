using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tests.Comparison;

/// <summary>
/// The verdict (AgreementRule's plain loop) and the figures around it (DifferenceSummary's register-at-a-time pass)
/// against the definition written one element at a time, on random tensors of every length around the register width,
/// with equal values, NaN, infinities, zeros of both signs, subnormals and the largest doubles.
/// </summary>
public sealed class TensorComparerTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void EveryFigure_IsTheDefinitions_OnAwkwardValues(bool nonFiniteExpected)
    {
        var random = new Random(11);
        var tolerance = new ToleranceSpec(1e-3, 1e-4, "test");
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300, -2.5,
            double.Epsilon, -double.Epsilon, 2.2e-310, double.MaxValue, -double.MaxValue, 1.5e308];
        foreach (int length in Enumerable.Range(1, 40).Append(1000))
        {
            for (int trial = 0; trial < 25; trial++)
            {
                double Draw() => random.Next(6) == 0 ? special[random.Next(special.Length)] : random.NextDouble() * 4 - 2;
                var expected = Enumerable.Range(0, length).Select(_ => Draw()).ToArray();
                var actual = expected.Select(e => random.Next(4) switch
                {
                    0 => e,
                    1 => e + 1e-5 * (random.NextDouble() - 0.5),
                    2 => e * (1 + 1e-2 * (random.NextDouble() - 0.5)),
                    _ => Draw(),
                }).ToArray();

                var result = TensorComparer.Compare(0, Phase.Forward, NamedTensor.Create("t", [length], expected),
                    NamedTensor.Create("t", [length], actual), tolerance, DType.Float64, nonFiniteExpected);

                var want = Definition(expected, actual, tolerance, nonFiniteExpected);
                string where = $"length {length}, trial {trial}";
                var summary = DifferenceSummary.Of(expected, actual, tolerance.AbsoluteTolerance, tolerance.RelativeTolerance, nonFiniteExpected);
                Assert.That(result.MismatchedCount, Is.EqualTo(want.Mismatched), where);
                Assert.That(AgreementRule.Mismatches(expected, actual, tolerance, nonFiniteExpected), Is.EqualTo(want.Mismatched), where);
                Assert.That(summary.Mismatched, Is.EqualTo(want.Mismatched), $"{where}: the summary's count is the verdict's");
                Assert.That(summary.LimitUsed > 1, Is.EqualTo(want.Mismatched > 0), $"{where}: the margin says fail exactly when the verdict does");
                var distance = result.Distance!;
                Assert.That(distance.Absolute, Is.EqualTo(new Extreme(want.MaxAbsolute, $"[{want.MaxAbsoluteAt}]")), where);
                Assert.That(distance.Relative, Is.EqualTo(new Extreme(want.MaxRelative, $"[{want.MaxRelativeAt}]")), where);
                Assert.That(distance.LimitUsed, Is.EqualTo(want.LimitUsed), where);
                Assert.That(distance.MaxExpectedMagnitude, Is.EqualTo(want.MaxMagnitude), where);
                if (double.IsNaN(want.Cosine)) Assert.That(distance.Cosine, Is.NaN, where);
                else Assert.That(distance.Cosine, Is.EqualTo(want.Cosine).Within(1e-12).Percent, where);   // sums in another order
                Assert.That(result.WorstElements, Has.Count.EqualTo(want.Mismatched == 0 ? 0 : Math.Min(TensorComparer.WorstElementCount, want.Different)), where);
            }
        }
    }

    [TestCase(1.0, 1.0, false, ExpectedResult = true)]
    [TestCase(1.0, 1.0 + 2e-7, false, ExpectedResult = true)]        // |d| 2e-7 ≤ 1e-7 + 1e-7·1
    [TestCase(1.0, 1.0 + 3e-7, false, ExpectedResult = false)]
    [TestCase(0.0, -0.0, false, ExpectedResult = true)]
    [TestCase(double.MaxValue, -double.MaxValue, false, ExpectedResult = false)]   // |d| overflows to ∞
    [TestCase(double.NaN, double.NaN, false, ExpectedResult = false)]
    [TestCase(double.NaN, double.NaN, true, ExpectedResult = true)]
    [TestCase(double.PositiveInfinity, double.PositiveInfinity, true, ExpectedResult = true)]
    [TestCase(double.PositiveInfinity, double.NegativeInfinity, true, ExpectedResult = false)]
    [TestCase(double.PositiveInfinity, 1.0, true, ExpectedResult = false)]
    public bool TheRule_OneElementAtATime(double expected, double actual, bool nonFiniteExpected) =>
        AgreementRule.Agrees(expected, actual, ToleranceSpec.DefaultFor(DType.Float64), nonFiniteExpected);

    [Test]
    public void AStoredInfinity_AcceptsNothing_UnlessTheScenarioExpectsIt()
    {
        var tolerance = ToleranceSpec.DefaultFor(DType.Float64);
        var stored = NamedTensor.Create("grad/fc1.weight", [1, 3], [double.PositiveInfinity, double.NaN, double.NegativeInfinity]);
        var finite = NamedTensor.Create("grad/fc1.weight", [1, 3], [0.5, 0.25, -1.0]);

        Assert.That(TensorComparer.Compare(0, Phase.Gradient, stored, finite, tolerance, DType.Float64).MismatchedCount, Is.EqualTo(3), "∞ ≤ ∞ is no agreement");
        Assert.That(TensorComparer.Compare(0, Phase.Gradient, stored, stored, tolerance, DType.Float64).MismatchedCount, Is.EqualTo(3), "not expected: even the same value fails");
        Assert.That(TensorComparer.Compare(0, Phase.Gradient, stored, stored, tolerance, DType.Float64, nonFiniteExpected: true).MismatchedCount, Is.Zero);
        Assert.That(TensorComparer.Compare(0, Phase.Gradient, stored, finite, tolerance, DType.Float64, nonFiniteExpected: true).MismatchedCount, Is.EqualTo(3));
    }

    // The definition, one element at a time: equal finite values agree and count for nothing; a NaN or ±Inf on either
    // side agrees (counting for nothing) only with the same value where non-finite values are expected, and is otherwise
    // an infinite difference against a limit of 1; a running maximum moves only for a larger value.
    private static (int Mismatched, double MaxAbsolute, double MaxRelative, double LimitUsed, double MaxMagnitude, int MaxAbsoluteAt,
        int MaxRelativeAt, int Different, double Cosine) Definition(double[] expected, double[] actual, ToleranceSpec tolerance, bool nonFiniteExpected)
    {
        int mismatched = 0, at = 0, relativeAt = 0, different = 0;
        double maxAbsolute = 0, maxRelative = 0, limitUsed = 0, maxMagnitude = 0, dot = 0, expectedSquares = 0, actualSquares = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            dot += e * a;
            expectedSquares += e * e;
            actualSquares += a * a;
            if (Math.Abs(e) > maxMagnitude) maxMagnitude = Math.Abs(e);
            bool finite = double.IsFinite(e) && double.IsFinite(a);
            bool same = e == a || (double.IsNaN(e) && double.IsNaN(a));
            if (same && (finite || nonFiniteExpected)) continue;
            different++;
            double absolute = Math.Abs(a - e), magnitude = Math.Abs(e);
            double limit = tolerance.AbsoluteTolerance + tolerance.RelativeTolerance * magnitude;
            double relative = magnitude == 0 ? double.PositiveInfinity : absolute / magnitude;
            if (!finite || double.IsInfinity(absolute)) (absolute, limit, relative) = (double.PositiveInfinity, 1, double.PositiveInfinity);
            if (!(absolute <= limit)) mismatched++;
            if (absolute > maxAbsolute) (maxAbsolute, at) = (absolute, i);
            if (relative > maxRelative) (maxRelative, relativeAt) = (relative, i);
            if (absolute / limit > limitUsed) limitUsed = absolute / limit;
        }
        double cosine = expectedSquares == 0 && actualSquares == 0 ? 1 : dot / (Math.Sqrt(expectedSquares) * Math.Sqrt(actualSquares));
        return (mismatched, maxAbsolute, maxRelative, limitUsed, maxMagnitude, at, relativeAt, different, cosine);
    }
}
