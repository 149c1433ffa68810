using System.Diagnostics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Cli;

/// <summary><c>run [ids...]</c> (and the program with no verb): every pair of sides, every step.</summary>
public static class RunCommand
{
    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory, bool skipFixtures)
    {
        var scenarios = ScenarioCatalog.Select(ids);
        FixtureStore? store = skipFixtures ? null : FixtureStore.Locate(fixturesDirectory);
        var clock = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var (fixture, problems) = store is null ? (null, []) : FixtureLoader.Load(scenario, store);
            results.Add(ParityCheck.Run(scenario, fixture, fixtureProblems: problems));
        }
        new ConsoleReport(Terminal.Console).Write(results, clock.Elapsed);
        return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
    }
}
