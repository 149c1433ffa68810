using BackpropParity.Harness.Audit;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Zoo;

namespace BackpropParity.Harness.Tests.Audit;

/// <summary>Every operation of one manual step, run alone on the reference's own inputs.</summary>
public sealed class LayerAuditTests
{
    private static IReadOnlyList<OperationCheck> Audit(Scenario scenario, IManualFactory? factory = null)
    {
        using var torch = new TorchRunner().StartSession(scenario);
        return LayerAudit.Run(scenario, torch.Step(0), scenario.InitialParameters, factory);
    }

    [Test]
    public void TheCorrectImplementation_AgreesOperationByOperation_AndEveryOperationIsChecked()
    {
        var scenario = ScenarioCatalog.Get("xor-tanh-2-3-1-float64");
        var checks = Audit(scenario);

        Assert.That(checks.Where(c => !c.Passed).Select(c => SuspectText.Describe(c.Operation, scenario.Spec)), Is.Empty);
        int layers = scenario.Spec.Layers.Count, parameters = scenario.InitialParameters.Count;
        Assert.That(checks, Has.Count.EqualTo(layers + 2 + (layers - 1) + parameters + parameters),
            "each forward, the loss and its gradient, each backward but the first layer's, each parameter gradient, each update");
        Assert.That(checks.Select(c => c.Operation.Part).Distinct(), Is.EquivalentTo(new[]
        {
            OperationPart.Forward, OperationPart.LossForward, OperationPart.LossGradient, OperationPart.InputGradient,
            OperationPart.WeightGradient, OperationPart.BiasGradient, OperationPart.OptimizerStep,
        }));
    }

    [Test]
    public void AnOptimizerBug_IsBlamedOnTheOptimizerStepAlone()
    {
        var neuron = ScenarioCatalog.Get("three-input-neuron-float64");
        var checks = Audit(neuron, MutantCatalog.All.Single(m => m.Id == "optimizer-wrong-sign").For(neuron.Spec));

        Assert.That(checks.Where(c => !c.Passed).Select(c => SuspectText.Describe(c.Operation, neuron.Spec)), Is.EqualTo(new[]
        {
            "optimizer step (sgd, lr 0.5) on fc1.weight", "optimizer step (sgd, lr 0.5) on fc1.bias",
        }));
    }

    [Test]
    public void ABugUpstream_DoesNotBlameTheLayersBelowIt()
    {
        // tanh's slope wrong in layer 2: with each operation fed the reference's inputs, fc1's gradients still agree
        var xor = ScenarioCatalog.Get("xor-tanh-2-3-1-float64");
        var checks = Audit(xor, MutantCatalog.All.Single(m => m.Id == "tanh-slope-not-squared").For(xor.Spec));

        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Operation), Is.EqualTo(new[] { Suspect.InputGradient(xor.Spec, 1) }));
    }
}
