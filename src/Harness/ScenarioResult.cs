using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness;

/// <summary>
/// Everything checked for one scenario: each pair of sides, any problem with its stored fixture (missing,
/// unreadable, stale), which fails the scenario as surely as a disagreement does, and the exception that stopped it,
/// if one did (then the pairs hold what was compared before it, usually nothing).
/// </summary>
public sealed record ScenarioResult(ScenarioSpec Spec, IReadOnlyList<PairResult> Pairs, IReadOnlyList<string> FixtureProblems,
    ScenarioError? Error = null)
{
    public bool Passed => Error is null && FixtureProblems.Count == 0 && Pairs.All(p => p.Passed);

    public PairResult Pair(string name) => Pairs.Single(p => p.Name == name);

    /// <summary>
    /// True when the two live sides agree with each other at every step while both disagree with the stored fixture:
    /// then the fixture, not the code, is wrong (edited, damaged, or recorded by another reference).
    /// </summary>
    public bool FixtureOutvoted =>
        Pairs.SingleOrDefault(p => p.Name == ParityCheck.ManualVersusTorch) is { Passed: true }
        && Pairs.SingleOrDefault(p => p.Name == ParityCheck.ManualVersusFixture) is { Passed: false }
        && Pairs.SingleOrDefault(p => p.Name == ParityCheck.TorchVersusFixture) is { Passed: false };

    /// <summary>A scenario that an exception stopped.</summary>
    public static ScenarioResult Failed(ScenarioSpec spec, ScenarioError error, IReadOnlyList<string>? fixtureProblems = null) =>
        new(spec, [], fixtureProblems ?? [], error);
}
