using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Comparison;

public sealed class UlpsTests
{
    [Test]
    public void AdjacentDoubles_AreOneUlpApart() =>
        Assert.That(Ulps.Distance(1.0, Math.BitIncrement(1.0), DType.Float64), Is.EqualTo(1));

    [Test]
    public void DistanceAcrossZero_CountsBothSides() =>
        Assert.That(Ulps.Distance(-double.Epsilon, double.Epsilon, DType.Float64), Is.EqualTo(2));

    [Test]
    public void PlusAndMinusZero_AreTheSameNumber() =>
        Assert.That(Ulps.Distance(0.0, -0.0, DType.Float64), Is.Zero);

    [Test]
    public void NaN_HasNoDistance() =>
        Assert.That(Ulps.Distance(double.NaN, 1.0, DType.Float64), Is.EqualTo(long.MaxValue));

    [Test]
    public void HugeDistances_Saturate_InsteadOfOverflowing() =>
        Assert.That(Ulps.Distance(double.MaxValue, -double.MaxValue, DType.Float64), Is.EqualTo(long.MaxValue));

    [TestCase(DType.Float64)]
    [TestCase(DType.Float32)]
    public void MaxDistance_IsTheLargestDistance_OverAwkwardValues(DType dtype)
    {
        // Register-at-a-time against one-at-a-time, on lengths around the register width, with signs, zeros of both
        // signs, infinities, subnormals and values far apart (the 64-bit overflow case).
        var random = new Random(5);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 1.0, -1.0];
        for (int length = 0; length < 40; length++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                double Draw() => trial % 3 == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 5));
                var a = Enumerable.Range(0, length).Select(_ => Draw()).ToArray();
                var b = a.Select(v => random.Next(3) == 0 ? v : Draw()).ToArray();
                if (dtype == DType.Float32) (a, b) = (a.Select(v => (double)(float)v).ToArray(), b.Select(v => (double)(float)v).ToArray());
                long expected = a.Zip(b).Select(p => Ulps.Distance(p.First, p.Second, dtype)).DefaultIfEmpty(0).Max();
                Assert.That(Ulps.MaxDistance(a, b, dtype), Is.EqualTo(expected), $"length {length}, trial {trial}");
            }
        }
        double[] withNaN = [1, 2, 3, 4, 5, 6, 7, 8, double.NaN, 10];
        Assert.That(Ulps.MaxDistance(withNaN, withNaN, dtype), Is.EqualTo(long.MaxValue), "NaN never agrees, even with itself");
    }
}
