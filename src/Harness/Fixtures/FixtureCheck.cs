using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Whether a stored fixture still belongs to its scenario: same id, the same numbers in its spec (the fields that
/// change what a run records: <see cref="ScenarioJson.NumberFields"/>),
/// the same data and initial parameters (<see cref="StaleProblems"/>: comparing with a stale fixture means
/// nothing), whole and one run (<see cref="UsabilityProblems"/>, <see cref="FixtureValidation"/>), and produced by
/// the reference versions in use (<see cref="VersionProblems"/>: the comparison still means something, it is how a
/// reference upgrade shows its drift). Each problem is one line that ends with the command to regenerate.
/// </summary>
public static class FixtureCheck
{
    public static IReadOnlyList<string> StaleProblems(Fixture fixture, Scenario scenario)
    {
        var problems = new List<string>();
        var metadata = fixture.Metadata;
        string regenerate = $"regenerate with `{FixtureStore.RegenerateCommand(scenario)}`";

        if (metadata.ScenarioId != scenario.Id)
            problems.Add($"recorded for scenario '{metadata.ScenarioId}', not '{scenario.Id}'; {regenerate}");
        // Stale when what changes the numbers changed (ScenarioJson.NumberFields); a new description or tolerance is not.
        string recorded = ScenarioJson.Numbers(metadata.SpecJson), current = ScenarioJson.Numbers(scenario.Spec);
        if (recorded != current)
            problems.Add($"stale: recorded for another spec ({string.Join("; ", SpecDiff.Between(recorded, current).Take(4))}); {regenerate}");
        if (!SameValues(fixture.Inputs, scenario.Inputs, scenario.Spec.DType) || !SameValues(fixture.Targets, scenario.Targets, scenario.Spec.DType))
            problems.Add($"stale: the scenario's data has changed; {regenerate}");
        var initial = fixture.InitialParameters.ToDictionary(p => p.Name);
        if (scenario.InitialParameters.Count != initial.Count
            || scenario.InitialParameters.Any(p => !initial.TryGetValue(p.Name, out var stored) || !SameValues(stored, p, scenario.Spec.DType)))
            problems.Add($"stale: the scenario's initial parameters have changed; {regenerate}");
        return problems;
    }

    /// <summary>
    /// Everything that makes a fixture unusable for this scenario: stale (<see cref="StaleProblems"/>), or damaged or
    /// not one run (<see cref="FixtureValidation"/>); at most <paramref name="shown"/> lines of the second kind, then a count.
    /// </summary>
    public static IReadOnlyList<string> UsabilityProblems(Fixture fixture, Scenario scenario, int shown = 5)
    {
        // A spec text that no longer matches its own hash was edited by hand: its numbers say nothing; report the damage.
        var stale = fixture.Metadata.SpecTextIntact ? StaleProblems(fixture, scenario) : [];
        if (stale.Count > 0) return stale;
        var damaged = FixtureValidation.Problems(fixture, scenario);
        string regenerate = $"regenerate with `{FixtureStore.RegenerateCommand(scenario)}`";
        return damaged.Count <= shown
            ? damaged.Select(p => $"{p}; {regenerate}").ToList()
            : [.. damaged.Take(shown).Select(p => $"{p}; {regenerate}"), $"and {damaged.Count - shown} more problems of this fixture"];
    }

    public static IReadOnlyList<string> VersionProblems(Fixture fixture, Scenario scenario, string torchSharpVersion, string libTorchVersion)
    {
        var problems = new List<string>();
        var metadata = fixture.Metadata;
        string regenerate = $"regenerate with `{FixtureStore.RegenerateCommand(scenario)}`";
        if (metadata.TorchSharpVersion != torchSharpVersion || metadata.LibTorchVersion != libTorchVersion)
            problems.Add($"recorded with TorchSharp {metadata.TorchSharpVersion} / LibTorch {metadata.LibTorchVersion}, " +
                         $"this build uses {torchSharpVersion} / {libTorchVersion}; if the reference still agrees, {regenerate}");
        return problems;
    }

    // Stored values are the scenario's rounded to the run's dtype; compare bit for bit after the same rounding.
    private static bool SameValues(NamedTensor stored, NamedTensor current, DType dtype)
    {
        var rounded = current.RoundedTo(dtype);
        return stored.Shape.SequenceEqual(rounded.Shape)
            && stored.Values.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(rounded.Values.Select(BitConverter.DoubleToInt64Bits));
    }
}
