using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Tests.Sides;

public sealed class ComparisonLoopTests
{
    [Test]
    public void ASideWithFewerStepsThanTheScenario_IsAStructuralProblem_NamingTheSide()
    {
        // The one-step widget and the 50-step loop share data and weights: a recording of the first is one step short of fifty.
        var widget = ScenarioCatalog.Get("three-input-neuron-widget-float64");
        var loop = ScenarioCatalog.Get("three-input-neuron-float64");
        var oneStep = FixtureFile.Record(widget, new TorchRunner().Run(widget).Steps, "torch", TorchRuntime.TorchSharpVersion, "-", DateTimeOffset.UnixEpoch);
        using var torch = new LiveRun(TorchRunner.SideName, loop, () => new TorchRunner().StartSession(loop));
        using var recorded = RecordedRun.FromFixture("short", oneStep);

        var pair = ComparisonLoop.Run(loop, [(torch, recorded)]).Pairs.Single();

        Assert.That(pair.Passed, Is.False);
        Assert.That(pair.Stepwise.StructuralProblem, Is.EqualTo("the short has 1 step, the scenario 50"));
        Assert.That(pair.Trajectory.StructuralProblem, Is.EqualTo("the short has 1 step, the scenario 50"));
    }
}
