using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>Runs a scenario on one side and records what it computes. Runners are the only code that touches a model.</summary>
public interface IRunner
{
    /// <summary>The side's name in reports: <c>manual</c>, <c>torch</c>.</summary>
    string Side { get; }

    Trace Run(Scenario scenario);
}
