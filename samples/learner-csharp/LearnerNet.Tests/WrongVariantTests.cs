using BackpropParity.Harness;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using NUnit.Framework;

namespace LearnerNet.Tests;

/// <summary>The learner's classic mistake, ReLU's slope left at 1: the suite must catch it and say where.</summary>
public sealed class WrongVariantTests
{
    [TestCase("spiral-lesson-float64")]
    [TestCase("spiral-softmax-float32")]
    public void ReLUSlopeLeftAtOne_IsNamed_AtStepZero_AsReluBackward(string scenarioId)
    {
        var scenario = ScenarioCatalog.Select([scenarioId]).Single();

        var result = ParityCheck.Run(scenario, [new LearnerImplementation(bug: "relu-slope")]);

        var pair = result.Pair("learner-relu-slope vs torch");
        string report = string.Join(Environment.NewLine, ComparisonText.Lines(result));
        Assert.That(result.Passed, Is.False, report);
        Assert.That((pair.Stepwise.FirstMismatch!.Step, pair.Stepwise.FirstMismatch.Name), Is.EqualTo((0, "dact/fc1")), report);
        Assert.That(report, Does.Contain("-> suspect: backward of relu relu1 (layer 2)"));
    }
}
