using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness;

/// <summary>
/// The live check: the hand-written implementation (actual) against the TorchSharp reference (expected). One
/// reference run feeds two manual runs: one re-synchronised to the reference before every step, one free-running.
/// </summary>
public static class ParityCheck
{
    public const string StepwiseSide = "manual (re-synced each step)";

    public static ParityResult ManualVersusTorch(Scenario scenario, IManualLayerFactory? manualLayers = null)
    {
        var reference = new TorchRunner().Run(scenario);
        var manual = new ManualRunner(manualLayers);
        IManualSession freeRunning = manual.StartSession(scenario);
        IManualSession resynchronised = manual.StartSession(scenario);

        var trajectory = new ComparisonBuilder(scenario.Spec, reference.Side, manual.Side);
        var stepwise = new ComparisonBuilder(scenario.Spec, reference.Side, StepwiseSide);
        IReadOnlyList<NamedTensor> parametersBeforeStep = scenario.InitialParameters;
        int steps = 0;
        foreach (TraceStep expected in reference.Steps)
        {
            trajectory.Add(expected, freeRunning.Step(expected.Step));
            resynchronised.LoadParameters(parametersBeforeStep);
            stepwise.Add(expected, resynchronised.Step(expected.Step));
            parametersBeforeStep = ParametersAfter(expected);
            steps++;
        }
        if (steps != scenario.Spec.Steps)
            trajectory.StructuralProblem = stepwise.StructuralProblem = $"{reference.Side} recorded {steps} of {scenario.Spec.Steps} steps";
        return new ParityResult(stepwise.Build(), trajectory.Build());
    }

    // The reference's param/<name> tensors after a step, renamed <name>: the next step's starting point.
    private static IReadOnlyList<NamedTensor> ParametersAfter(TraceStep step) =>
        step.Tensors.Where(t => t.Phase == Phase.Update)
            .Select(t => t.Tensor with { Name = t.Name["param/".Length..] })
            .ToList();
}
