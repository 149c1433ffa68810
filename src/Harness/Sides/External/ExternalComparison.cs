using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Sides.External;

/// <summary>An external side's response against the reference recording its request was made from, through the one comparison loop.</summary>
public static class ExternalComparison
{
    public static PairResult Compare(Scenario scenario, Fixture reference, string referenceSide, SideResponse response, string side,
        IReadOnlyDictionary<string, string>? referenceSettings = null)
    {
        if (response.Unsupported is { } reason) return PairResult.Skip($"{side} vs {referenceSide}", scenario.Spec, reason);
        using var expected = RecordedRun.FromFixture(referenceSide, reference, referenceSettings);
        using var actual = response.AsRun(side);
        return ComparisonLoop.Run(scenario, [(expected, actual)]).Pairs.Single();
    }
}
