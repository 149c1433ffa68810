using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Scenarios;

public sealed class ScenarioCatalogTests
{
    [Test]
    public void Catalog_HasEveryScenarioInBothDtypes_WithUniqueIds()
    {
        var ids = ScenarioCatalog.Scenarios.Select(s => s.Id).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.SupersetOf(new[]
        {
            "three-input-neuron-float64", "three-input-neuron-float32", "spiral-relu-bce-float64", "spiral-relu-bce-float32",
        }));
    }

    [Test]
    public void Descriptions_ThatStateALearningRateOrAStepCount_AgreeWithTheNumbersBesideThem()
    {
        // A description is free text and changes no fixture; one that restates a number must not drift from it.
        foreach (var spec in ScenarioCatalog.Scenarios.Select(s => s.Spec).Where(s => !s.IsExpression))
        {
            foreach (System.Text.RegularExpressions.Match rate in System.Text.RegularExpressions.Regex.Matches(spec.Description, @"\blr (\d+(\.\d+)?)"))
                Assert.That(double.Parse(rate.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(spec.Optimizer.LearningRate), spec.Id);
            foreach (System.Text.RegularExpressions.Match steps in System.Text.RegularExpressions.Regex.Matches(spec.Description, @"\b(\d+) (steps|updates)\b"))
                Assert.That(int.Parse(steps.Groups[1].Value), Is.EqualTo(spec.Steps), spec.Id);
        }
    }

    [Test]
    public void Select_ABaseName_SelectsBothDtypes() =>
        Assert.That(ScenarioCatalog.Select(["spiral-relu-bce"]).Select(s => s.Id),
            Is.EqualTo(new[] { "spiral-relu-bce-float64", "spiral-relu-bce-float32" }));

    [Test]
    public void Select_AnExactId_SelectsOnlyIt() =>
        Assert.That(ScenarioCatalog.Select(["three-input-neuron-float32"]).Single().Spec.DType, Is.EqualTo(DType.Float32));

    [Test]
    public void Select_AnUnknownId_FailsListingTheKnownOnes()
    {
        var error = Assert.Throws<UnknownScenarioException>(() => ScenarioCatalog.Select(["spiral"]));

        Assert.That(error!.Message, Does.Contain("Unknown scenario 'spiral'").And.Contain("spiral-relu-bce-float64"));
    }

    [Test]
    public void ThreeInputNeuron_HoldsTheLessonsNumbers()
    {
        var scenario = ScenarioCatalog.Get("three-input-neuron-float64");

        Assert.That(scenario.Inputs.Values, Is.EqualTo(new[] { 0.8, -0.4, 1.2 }));
        Assert.That(scenario.InitialParameters.Single(p => p.Name == "fc1.weight").Values, Is.EqualTo(new[] { 0.2, -0.1, 0.3 }));
        Assert.That(scenario.InitialParameters.Single(p => p.Name == "fc1.bias").Values, Is.EqualTo(new[] { 0.1 }));
        Assert.That(scenario.Spec.Optimizer.LearningRate, Is.EqualTo(0.5));
        Assert.That(scenario.Spec.Steps, Is.EqualTo(50));
    }

    [Test]
    public void Spiral_IsDeterministic_AndBalanced()
    {
        var first = ScenarioCatalog.Get("spiral-relu-bce-float64");
        var second = ScenarioCatalog.Get("spiral-relu-bce-float32");

        Assert.That(second.Inputs.Values, Is.EqualTo(first.Inputs.Values), "both dtypes start from the same data");
        Assert.That(second.InitialParameters.Select(p => p.Values), Is.EqualTo(first.InitialParameters.Select(p => p.Values)));
        Assert.That(first.Inputs.Shape, Is.EqualTo(new[] { 200, 2 }));
        Assert.That(first.Targets.Values.Count(v => v == 1.0), Is.EqualTo(100));
    }
}
