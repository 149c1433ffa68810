using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Runners;

/// <summary>
/// Softmax cross-entropy on logits far beyond exp's range (e^800 overflows a double): libtorch shifts by the row's
/// maximum, and so must a hand-written loss, or its loss and gradient come out NaN. The built-in scenarios' logits are
/// all small; this one's reach about ±1,600.
/// </summary>
public sealed class LargeLogitsTests
{
    [TestCase(DType.Float64)]
    [TestCase(DType.Float32)]
    public void CrossEntropy_OnLogitsBeyondExpsRange_AgreesWithLibTorch(DType dtype)
    {
        var spec = new ScenarioSpec($"large-logits-{dtype.Name()}", "softmax cross-entropy on logits of about ±1,600", dtype,
            [LayerSpec.Linear("fc1", 2, 3)], LossKind.SoftmaxCrossEntropy, OptimizerSpec.Sgd(0.001), Steps: 2);
        var scenario = new Scenario(spec,
            NamedTensor.Create("inputs", [4, 2], [1.0, 2.0, -1.5, 0.5, 2.0, -2.0, 0.25, 1.0]),
            NamedTensor.Create("targets", [4, 1], [0, 2, 1, 2]),
            [NamedTensor.Create("fc1.weight", [3, 2], [400, -300, -250, 500, 350, 420]), NamedTensor.Create("fc1.bias", [3], [10, -20, 5])]);

        var result = ParityCheck.Run(scenario);
        var pair = result.Pair(ParityCheck.ManualVersusTorch);

        Assert.That(result.Passed, Is.True, string.Join(Environment.NewLine, Harness.Reports.ComparisonText.Lines(result)));
        Assert.That(pair.Trajectory.ExpectedLosses.Concat(pair.Trajectory.ActualLosses), Is.All.Matches<double>(double.IsFinite).And.All.GreaterThan(1));
    }
}
