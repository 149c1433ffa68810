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
        foreach (var scenario in scenarios)
        {
            var (fixture, problems) = store is null ? (null, []) : FixtureLoader.Load(scenario, store);
            var result = ParityCheck.Run(scenario, fixture, fixtureProblems: problems);
            if (python is not null && fixture is not null)
            {
                using var torch = new TorchRunner().StartSession(scenario);
                var pair = PythonReplay.Compare(scenario, fixture, python.Replay(store!.PathFor(scenario.Id)), torch.Settings);
                result = result with { Pairs = [.. result.Pairs, pair] };
            }
            results.Add(result);
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
