using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Zoo;

namespace BackpropParity.Harness.Tests.Zoo;

/// <summary>The bug zoo: every classic mistake caught by some scenario and located where it lives; no false alarm.</summary>
public sealed class ZooTests
{
    private static readonly Lazy<IReadOnlyList<ZooResult>> Results = new(() => ZooRunner.Run());

    [Test]
    public void Zoo_HasAtLeastTwelveMutants_WithUniqueIds()
    {
        Assert.That(MutantCatalog.All, Has.Count.GreaterThanOrEqualTo(12));
        Assert.That(MutantCatalog.All.Select(m => m.Id), Is.Unique);
    }

    [Test]
    public void EveryMutant_IsDetectedByAtLeastOneScenario() =>
        Assert.That(Results.Value.Where(r => !r.Detected).Select(r => r.Mutant), Is.Empty);

    [Test]
    public void EveryMutant_IsLocalizedCorrectly_InEveryScenarioThatDetectsIt() =>
        Assert.That(Results.Value.Where(r => !r.LocalizedCorrectly).Select(r => $"{r.Mutant}: {(r.First is { } first ? SuspectText.Describe(first) : "not detected")}"), Is.Empty);

    [Test]
    public void TheCorrectImplementation_RaisesNoFalseAlarm_OnAnyScenarioOrDtype() =>
        Assert.That(ZooRunner.FalseAlarms(), Is.Empty);

    [Test]
    public void BugsInvisibleWithABatchOfOne_AreSaidToBeSo_AndCaughtElsewhere()
    {
        var bias = Results.Value.Single(r => r.Mutant == "bias-gradient-not-summed");
        var mean = Results.Value.Single(r => r.Mutant == "mean-missing");

        Assert.That(bias.MissedBy, Does.Contain("three-input-neuron-float64"), "one sample: summing over the batch changes nothing");
        Assert.That(bias.DetectedBy, Does.Contain("xor-one-neuron-float64"));
        Assert.That(mean.MissedBy, Does.Contain("numpy-neuron-float64"));
        Assert.That(mean.DetectedBy, Does.Contain("xor-2-2-1-float64"));
    }

    [Test]
    public void ReLUWrongOnlyAtZero_IsCaughtByTheSpiralsPointAtTheOrigin()
    {
        var relu = Results.Value.Single(r => r.Mutant == "relu-slope-one-at-zero");

        Assert.That(relu.DetectedBy, Does.Contain("spiral-lesson-float64"));
        Assert.That(relu.First!.Suspect!.Part, Is.EqualTo(OperationPart.InputGradient));
        Assert.That(relu.First.Suspect.Layer!.Value.Name, Is.EqualTo("relu1"));
    }

    [Test]
    public void AMutantWithAWrongLearningRate_IsNamedBySettingsBeforeAnyNumber() =>
        Assert.That(SuspectText.Describe(Results.Value.Single(r => r.Mutant == "optimizer-wrong-learning-rate").First!),
            Is.EqualTo("setting learning rate: torch 0.5, manual 0.25"));
}
