using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;

namespace BackpropParity.Harness.Tests.Tolerances;

public sealed class ToleranceEvidenceTests
{
    [Test]
    public void ReductionLength_CountsEverySumUpToATensor_InComputeOrder()
    {
        var lengths = ReductionLength.Of(ScenarioCatalog.Get("spiral-lesson-float64"));

        Assert.That(lengths["act/fc1"], Is.EqualTo(3), "two inputs and a bias");
        Assert.That(lengths["act/relu1"], Is.EqualTo(4));
        Assert.That(lengths["act/fc2"], Is.EqualTo(4 + 17), "sixteen hidden units and a bias");
        Assert.That(lengths["loss"], Is.EqualTo(22 + 200), "the mean over 200 predictions");
        Assert.That(lengths["dact/fc1"], Is.EqualTo(223 + 1 + 1 + 1), "back through sigmoid, fc2 (one output) and relu");
        Assert.That(lengths["grad/fc1.weight"], Is.EqualTo(226 + 200), "summed over the batch");
    }

    [TestCase("xor-2-2-1-float32")]
    [TestCase("three-input-neuron-float64")]
    public void TheDerivedBound_HoldsForEveryTensor_OfCorrectImplementations(string id)
    {
        var scenario = ScenarioCatalog.Select([id]).Single();
        scenario = scenario with { Spec = scenario.Spec with { Steps = Math.Min(scenario.Spec.Steps, 20) } };

        var evidence = ToleranceEvidence.From(scenario, ParityCheck.Run(scenario).Pair(ParityCheck.ManualVersusTorch).Stepwise);

        Assert.That(evidence, Is.Not.Empty);
        Assert.That(evidence.Where(e => !e.DerivedRuleHolds).Select(e => $"{e.Tensor}: {e.ObservedMaxDifference:0.0e+0} > {e.DerivedBound:0.0e+0}"), Is.Empty);
    }

    [Test]
    public void ATensorUsingUnderATenthOfItsTolerance_IsFlaggedAsLooserThanNeeded()
    {
        var scenario = ScenarioCatalog.Get("three-input-neuron-float64") with { Spec = ScenarioCatalog.Get("three-input-neuron-float64").Spec with { Steps = 2 } };

        var evidence = ToleranceEvidence.From(scenario, ParityCheck.Run(scenario).Pair(ParityCheck.ManualVersusTorch).Stepwise);

        Assert.That(evidence.Select(e => e.Flag), Is.All.EqualTo("tolerance ≥10× looser than the evidence needs"));
    }
}
