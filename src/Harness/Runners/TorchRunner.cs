using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Runners;

/// <summary>Runs a scenario on the TorchSharp reference: libtorch's kernels and autograd.</summary>
public sealed class TorchRunner
{
    public const string SideName = "torch";

    public string Side => SideName;

    public Trace Run(Scenario scenario)
    {
        TorchRuntime.EnsureLoaded();
        return new Trace(Side, scenario.Spec, Steps(scenario));
    }

    /// <summary>A fresh reference model loaded with the scenario's initial parameters, to be stepped by the caller.</summary>
    public ISession StartSession(Scenario scenario) => scenario.Spec.IsExpression
        ? new ExpressionSession(scenario, ExpressionValues.TorchSide)
        : new TorchSession(scenario);

    private IEnumerable<TraceStep> Steps(Scenario scenario)
    {
        using var session = StartSession(scenario);
        for (int step = 0; step < scenario.Spec.Steps; step++)
            yield return session.Step(step);
    }
}
