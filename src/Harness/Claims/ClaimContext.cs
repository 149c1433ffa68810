using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Claims;

/// <summary>
/// Runs the scenarios claims are computed from, on the hand-written implementation (which the parity suite holds
/// to TorchSharp at every step), once each. Each run keeps the loss of every step, every tensor of its first 100
/// steps, and every tensor of its last step.
/// </summary>
public sealed class ClaimContext
{
    private const int StepsKept = 100;
    private readonly Dictionary<(string, int), RunRecord> _runs = [];

    /// <summary>The run of a built-in scenario; <paramref name="steps"/> runs it for a different number of steps.</summary>
    public RunRecord Run(string scenarioId, int? steps = null)
    {
        var scenario = ScenarioCatalog.Select([scenarioId]).Single();
        if (steps is int count) scenario = scenario with { Spec = scenario.Spec with { Steps = count } };
        var key = (scenarioId, scenario.Spec.Steps);
        if (!_runs.TryGetValue(key, out var run))
            _runs[key] = run = Record(scenario);
        return run;
    }

    private static RunRecord Record(Scenario scenario)
    {
        var losses = new double[scenario.Spec.Steps];
        var kept = new Dictionary<int, TraceStep>();
        using ISession session = new ManualRunner().StartSession(scenario);
        for (int step = 0; step < scenario.Spec.Steps; step++)
        {
            TraceStep record = session.Step(step);
            losses[step] = record.Tensors.Single(t => t.Phase == Phase.Loss).Tensor.Values[0];
            if (step < StepsKept || step == scenario.Spec.Steps - 1) kept[step] = record;
        }
        return new RunRecord(scenario, losses, kept);
    }
}
