using System.Diagnostics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary><c>run [ids...]</c> (and the program with no verb): every pair of sides, every step.</summary>
public static class RunCommand
{
    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory, bool skipFixtures, string? reportDirectory, bool withPython = false)
    {
        var scenarios = ScenarioCatalog.Select(ids);
        FixtureStore? store = skipFixtures ? null : FixtureStore.Locate(fixturesDirectory);
        PythonReplay? python = null;
        if (withPython)
        {
            if (store is null) throw new BadInputException("--with-python replays the fixtures; it cannot be combined with --no-fixtures.");
            (python, string? unavailable) = PythonReplay.Locate();
            if (python is null) throw new BadInputException($"--with-python: {unavailable}.");
        }
        var clock = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        var fixtures = new List<(int Index, Scenario Scenario, Fixture Fixture)>();
        foreach (var scenario in scenarios)
        {
            var (fixture, problems) = store is null ? (null, []) : FixtureLoader.Load(scenario, store);
            results.Add(ParityCheck.Run(scenario, fixture, fixtureProblems: problems));
            if (fixture is not null) fixtures.Add((results.Count - 1, scenario, fixture));
        }
        if (python is not null && fixtures.Count > 0)
        {
            var replays = python.ReplayAll(fixtures.Select(f => store!.PathFor(f.Scenario.Id)).ToList());
            for (int i = 0; i < fixtures.Count; i++)
            {
                var (index, scenario, fixture) = fixtures[i];
                using var torch = new TorchRunner().StartSession(scenario);
                var pair = PythonReplay.Compare(scenario, fixture, replays[i], torch.Settings);
                results[index] = results[index] with { Pairs = [.. results[index].Pairs, pair] };
            }
        }
        new ConsoleReport(Terminal.Console).Write(results, clock.Elapsed);
        if (reportDirectory is not null)
        {
            var written = ReportFiles.Write(reportDirectory, results);
            Terminal.Console.MarkupLine(Markup.Escape($"Reports: {Path.Combine(reportDirectory, ReportFiles.Markdown)}, {ReportFiles.Json} and {written.Count - 2} plots in {reportDirectory}."));
        }
        else if (!results.All(r => r.Passed))
        {
            Terminal.Console.MarkupLine(Markup.Escape("(run with --report DIR for report.md, report.json and plots of the failures)"));
        }
        return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
    }
}
