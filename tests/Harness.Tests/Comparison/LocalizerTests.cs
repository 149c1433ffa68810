using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tests.Comparison;

public sealed class LocalizerTests
{
    private static readonly Harness.Scenarios.ScenarioSpec Spec = ScenarioCatalog.Get("spiral-relu-bce-float64").Spec;

    private static string SuspectFor(string tensor, Phase phase) =>
        SuspectText.Describe(Localizer.Locate(Spec, TensorComparison.Structural(0, phase, tensor, [1], "test")), Spec);

    [TestCase("act/fc2", Phase.Forward, ExpectedResult = "forward of linear fc2 (layer 3)")]
    [TestCase("loss", Phase.Loss, ExpectedResult = "loss forward (binary cross-entropy)")]
    [TestCase("dact/sigmoid2", Phase.Backward, ExpectedResult = "loss backward (binary cross-entropy): dL/dŷ")]
    [TestCase("dact/fc2", Phase.Backward, ExpectedResult = "backward of sigmoid sigmoid2 (layer 4)")]
    [TestCase("dact/fc1", Phase.Backward, ExpectedResult = "backward of relu relu1 (layer 2)")]
    [TestCase("grad/fc1.weight", Phase.Gradient, ExpectedResult = "weight gradient in the backward of linear fc1 (layer 1)")]
    [TestCase("grad/fc2.bias", Phase.Gradient, ExpectedResult = "bias gradient in the backward of linear fc2 (layer 3)")]
    [TestCase("param/fc1.bias", Phase.Update, ExpectedResult = "optimizer step (sgd, lr 0.5) on fc1.bias")]
    public string FirstFailingTensor_NamesTheOperationThatProducedIt(string tensor, Phase phase) => SuspectFor(tensor, phase);

    [Test]
    public void TheSuspect_IsAValue_NamingThePartTheLayerAndTheParameter()
    {
        var suspect = Localizer.Locate(Spec, TensorComparison.Structural(0, Phase.Gradient, "grad/fc2.bias", [1], "test"));

        Assert.That(suspect, Is.EqualTo(new Suspect(OperationPart.BiasGradient, new LayerRef(2, "fc2", Harness.Scenarios.LayerKind.Linear), "fc2.bias")));
    }

    [Test]
    public void ATensorNoOperationMakes_IsUnlocated_AndSaysSo()
    {
        var suspect = Localizer.Locate(Spec, TensorComparison.Structural(0, Phase.Forward, "act/nowhere", [1], "test"));

        Assert.That(suspect, Is.EqualTo(Suspect.Unlocated("act/nowhere")));
        Assert.That(SuspectText.Describe(suspect, Spec), Is.EqualTo("the operation producing act/nowhere"));
    }
}
