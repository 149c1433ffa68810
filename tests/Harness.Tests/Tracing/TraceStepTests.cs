using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tests.Tracing;

/// <summary>The step stream's names, and the parameters a step leaves for the next.</summary>
public sealed class TraceStepTests
{
    [Test]
    public void TensorNames_FollowTheStreamsConvention()
    {
        Assert.That(TraceTensor.Activation("fc1"), Is.EqualTo("act/fc1"));
        Assert.That(TraceTensor.ActivationGradient("relu1"), Is.EqualTo("dact/relu1"));
        Assert.That(TraceTensor.ParameterGradient("fc1.weight"), Is.EqualTo("grad/fc1.weight"));
        Assert.That(TraceTensor.ParameterValue("fc1.bias"), Is.EqualTo("param/fc1.bias"));
        Assert.That(TraceTensor.LossName, Is.EqualTo("loss"));
    }

    [Test]
    public void ParametersAfter_AreTheUpdatePhasesTensors_NamedAsParameters()
    {
        var step = new TraceStep(3,
        [
            new TraceTensor(Phase.Forward, NamedTensor.Create("act/fc1", [1, 1], [0.5])),
            new TraceTensor(Phase.Gradient, NamedTensor.Create("grad/fc1.weight", [1, 1], [0.1])),
            new TraceTensor(Phase.Update, NamedTensor.Create("param/fc1.weight", [1, 1], [0.7])),
            new TraceTensor(Phase.Update, NamedTensor.Create("param/fc1.bias", [1], [-0.2])),
        ]);

        var after = step.ParametersAfter();

        Assert.That(after.Select(p => p.Name), Is.EqualTo(new[] { "fc1.weight", "fc1.bias" }));
        Assert.That(after.Select(p => p.Values[0]), Is.EqualTo(new[] { 0.7, -0.2 }));
    }

    [Test]
    public void EveryPhase_HasAName_InTheOrderAStepComputesThem()
    {
        Assert.That(Enum.GetValues<Phase>().Select(p => p.Name()), Is.EqualTo(new[] { "forward", "loss", "backward", "gradient", "update" }));
    }
}
