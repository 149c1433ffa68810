using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A classic backprop bug: its id, the mistake as a learner makes it, the place the report must name
/// (<see cref="Expected"/>), and the <see cref="Mistake"/> itself. <see cref="For"/> hands a scenario's run the real
/// manual parts with that one mistake in them.
/// </summary>
public sealed record Mutant(string Id, string Bug, ExpectedSuspect Expected, Mistake Mistake)
{
    public IManualFactory For(ScenarioSpec scenario) => new MutatedFactory(Mistake, scenario);
}
