using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness;

/// <summary>
/// Everything checked for one scenario: each pair of sides, and any problem with its stored fixture (missing,
/// unreadable, stale), which fails the scenario as surely as a disagreement does.
/// </summary>
public sealed record ScenarioResult(ScenarioSpec Spec, IReadOnlyList<PairResult> Pairs, IReadOnlyList<string> FixtureProblems)
{
    public bool Passed => FixtureProblems.Count == 0 && Pairs.All(p => p.Passed);

    public PairResult Pair(string name) => Pairs.Single(p => p.Name == name);
}
