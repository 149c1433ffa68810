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
}
