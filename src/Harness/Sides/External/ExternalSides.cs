using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Sides.External;

/// <summary>Adds external sides' pairs to a run's results: one program call per side over every scenario, one pair per scenario.</summary>
public static class ExternalSides
{
    /// <summary>
    /// The reference run of every scenario recorded as a fixture is (in memory, never written): what the requests are made
    /// from. A scenario whose check already failed with an exception gets none.
    /// </summary>
    public static IReadOnlyList<(int Index, Fixture Recording)> RecordReference(IReadOnlyList<Scenario> scenarios, ScenarioResult[] results)
    {
        var recordings = new Fixture?[scenarios.Count];
        Parallel.For(0, scenarios.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (results[i].Error is not null) return;
            try
            {
                recordings[i] = FixtureFile.Record(scenarios[i], new TorchRunner().Run(scenarios[i]).Steps, TorchRunner.SideName,
                    TorchRuntime.TorchSharpVersion, "-", DateTimeOffset.UnixEpoch);
            }
            catch (Exception exception)
            {
                results[i] = results[i] with { Error = ScenarioError.From(TorchRunner.SideName, null, exception) };
            }
        });
        return Enumerable.Range(0, scenarios.Count).Where(i => recordings[i] is not null).Select(i => (i, recordings[i]!)).ToList();
    }

    /// <summary>
    /// Runs <paramref name="side"/> once on every recorded scenario and adds its pair against the reference to each
    /// result; a scenario the side could not answer fails with the side's one-line reason, keeping its other pairs.
    /// </summary>
    public static void AddPairs(ScenarioResult[] results, IReadOnlyList<Scenario> scenarios, ExternalSide side, string referenceSide,
        IReadOnlyList<(int Index, Fixture Recording)> references, Func<Scenario, IReadOnlyDictionary<string, string>?> referenceSettings)
    {
        if (references.Count == 0) return;
        var answers = side.Run(references.Select(r => (scenarios[r.Index], r.Recording)).ToList());
        for (int i = 0; i < references.Count; i++)
        {
            var (index, recording) = references[i];
            var (response, problem) = answers[i];
            var scenario = scenarios[index];
            var error = problem is null ? null : new ScenarioError(side.Name, null, ScenarioError.SideFailed, problem);
            if (response is not null)
            {
                var compared = ScenarioSuite.Guarded(scenario, () => results[index] with
                {
                    Pairs = [.. results[index].Pairs, ExternalComparison.Compare(scenario, recording, referenceSide, response, side.Name, referenceSettings(scenario))],
                });
                if (compared.Error is null) results[index] = compared;
                else error = compared.Error with { Side = side.Name };
            }
            if (error is not null) results[index] = results[index] with { Error = results[index].Error ?? error };
        }
    }
}
