using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;

namespace BackpropParity.Harness.Runners;

/// <summary>Starts the hand-written implementation on a scenario, in its dtype: a network through IImplementation, a lesson's expression by its chain rule.</summary>
public sealed class ManualRunner(IManualFactory? layerFactory = null)
{
    private readonly ManualImplementation _implementation = new(layerFactory);

    /// <summary>A fresh model loaded with the scenario's initial parameters, to be stepped by the caller.</summary>
    public ISession StartSession(Scenario scenario) => scenario.Spec.IsExpression
        ? new ExpressionSession(scenario, ExpressionValues.ManualSide)
        : ImplementationSession.Start(_implementation, scenario);
}
