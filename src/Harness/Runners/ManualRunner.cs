using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>Runs a scenario on the hand-written implementation, in the scenario's dtype.</summary>
public sealed class ManualRunner(IManualFactory? layerFactory = null) : IRunner
{
    private readonly ManualImplementation _implementation = new(layerFactory);

    public string Side => ManualImplementation.SideName;

    public Trace Run(Scenario scenario) => new(Side, scenario.Spec, Steps(scenario));

    /// <summary>A fresh model loaded with the scenario's initial parameters, to be stepped by the caller.</summary>
    public ISession StartSession(Scenario scenario) => scenario.Spec.IsExpression
        ? new ExpressionSession(scenario, ExpressionValues.ManualSide)
        : ImplementationSession.Start(_implementation, scenario);

    private IEnumerable<TraceStep> Steps(Scenario scenario)
    {
        using ISession session = StartSession(scenario);
        for (int step = 0; step < scenario.Spec.Steps; step++)
            yield return session.Step(step);
    }
}
