using BackpropParity.Manual.Scalar;

namespace BackpropParity.Manual.Tests.Scalar;

/// <summary>
/// The lessons' scalar examples, worked by hand: the values at the lessons' own numbers, and every input gradient
/// against central differences of the same function's loss (no torch involved).
/// </summary>
public sealed class ChainRuleTests
{
    private const double H = 1e-6;

    private static double Slope(Func<double, double> loss, double at) => (loss(at + H) - loss(at - H)) / (2 * H);

    private static double Gradient(ChainRuleResult result, string input) => result.InputGradients.Single(g => g.Name == input).Value;

    [Test]
    public void SinOfSquaredAffine_AtTheLessonsX_HasItsValuesAndSlope()
    {
        var result = SinOfSquaredAffine.Evaluate(0.4);

        Assert.That(result.Forward, Is.EqualTo(new[] { ("u", 3.2), ("v", 3.2 * 3.2) }));
        Assert.That(result.Loss, Is.EqualTo(Math.Sin(3.2 * 3.2)));
        Assert.That(Gradient(result, "x"), Is.EqualTo(Math.Cos(10.24) * 2 * 3.2 * 3).Within(1e-12));
        Assert.That(Gradient(result, "x"), Is.EqualTo(Slope(x => SinOfSquaredAffine.Evaluate(x).Loss, 0.4)).Within(1e-6));
    }

    [Test]
    public void ProductSumGraph_EachInputsGradient_IsTheProductOfTheOthersOnItsPath()
    {
        var result = ProductSumGraph.Evaluate(2, 3, -1, 4);

        Assert.That(result.Loss, Is.EqualTo(20));
        Assert.That(result.InputGradients, Is.EqualTo(new[] { ("a", 12.0), ("b", 8.0), ("c", 4.0), ("d", 5.0) }));
        Assert.That(Gradient(result, "a"), Is.EqualTo(Slope(a => ProductSumGraph.Evaluate(a, 3, -1, 4).Loss, 2)).Within(1e-6));
        Assert.That(Gradient(result, "d"), Is.EqualTo(Slope(d => ProductSumGraph.Evaluate(2, 3, -1, d).Loss, 4)).Within(1e-6));
    }

    [Test]
    public void ThreeWeightChain_TheOutputsDesireFlowsBackThroughEachWeight()
    {
        var result = ThreeWeightChain.Evaluate(1, 2, 3, 0.5, 2);

        Assert.That(result.Forward, Is.EqualTo(new[] { ("a1", 2.0), ("a2", 6.0), ("a3", 3.0) }));
        Assert.That(result.Loss, Is.EqualTo(1));
        Assert.That(Gradient(result, "w1"), Is.EqualTo(3));
        Assert.That(Gradient(result, "w1"), Is.EqualTo(Slope(w1 => ThreeWeightChain.Evaluate(1, w1, 3, 0.5, 2).Loss, 2)).Within(1e-6));
        Assert.That(Gradient(result, "w2"), Is.EqualTo(Slope(w2 => ThreeWeightChain.Evaluate(1, 2, w2, 0.5, 2).Loss, 3)).Within(1e-6));
        Assert.That(Gradient(result, "w3"), Is.EqualTo(Slope(w3 => ThreeWeightChain.Evaluate(1, 2, 3, w3, 2).Loss, 0.5)).Within(1e-6));
    }

    [Test]
    public void SigmoidNeuron_ItsNudgeAudit_AgreesWithTheChainRuleToTheNudgesOrder()
    {
        var result = SigmoidNeuron.Evaluate(1, 1, 0.5, 0, 1e-5);

        double a = 1 / (1 + Math.Exp(-0.5));
        Assert.That(result.Loss, Is.EqualTo((a - 1) * (a - 1)).Within(1e-15));
        Assert.That(Gradient(result, "w"), Is.EqualTo(2 * (a - 1) * a * (1 - a)).Within(1e-15));
        Assert.That(Gradient(result, "w"), Is.EqualTo(Slope(w => SigmoidNeuron.Evaluate(1, 1, w, 0, 1e-5).Loss, 0.5)).Within(1e-9));
        Assert.That(result.Nudged.Single().Value, Is.EqualTo(Gradient(result, "w")).Within(1e-5), "a forward difference is off by O(eps)");
        Assert.That(result.Nudged.Single().Value, Is.Not.EqualTo(Gradient(result, "w")), "and it is a measurement, not the same formula");
    }
}
