using System.Diagnostics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Tensors.Kernels;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary><c>run [ids...]</c> (and the program with no verb): every pair of sides, every step.</summary>
public static class RunCommand
{
    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory, bool skipFixtures, string? reportDirectory, bool withPython = false,
        int threads = 1)
    {
        if (threads is < 1 or > 256) throw new BadInputException($"--threads {threads}: give a count from 1 to 256.");
        KernelThreads.Count = threads;
        if (threads != 1) TorchRuntime.Threads = threads;
        var scenarios = ScenarioCatalog.Select(ids);
        FixtureStore? store = skipFixtures ? null : FixtureStore.Locate(fixturesDirectory);
        PythonReplay? python = null;
        if (withPython)
        {
            if (store is null) throw new BadInputException("--with-python replays the fixtures; it cannot be combined with --no-fixtures.");
            (python, string? unavailable) = PythonReplay.Locate();
            if (python is null) throw new BadInputException($"--with-python: {unavailable}.");
        }
        if (reportDirectory is not null) ReportFiles.CheckWritable(reportDirectory);   // before minutes of work, not after
        var clock = Stopwatch.StartNew();
        var loaded = scenarios.Select(scenario => store is null ? (null, []) : FixtureLoader.Load(scenario, store)).ToList();
        // Scenarios are independent: side by side on every core; one scenario's exception is its own FAIL row.
        var results = ScenarioSuite.Run(scenarios, i => ParityCheck.Run(scenarios[i], loaded[i].Fixture, fixtureProblems: loaded[i].Problems),
            Environment.ProcessorCount);
        var fixtures = new List<(int Index, Scenario Scenario, Fixture Fixture)>();
        for (int i = 0; i < scenarios.Count; i++)
            if (loaded[i].Fixture is { } fixture) fixtures.Add((i, scenarios[i], fixture));
        if (python is not null && fixtures.Count > 0)
        {
            // One Python process replays every fixture; if it fails, every scenario it was to replay says so, and the
            // comparisons already made are kept.
            IReadOnlyList<Fixture>? replays = null;
            ScenarioError? replayFailed = null;
            try
            {
                replays = python.ReplayAll(fixtures.Select(f => store!.PathFor(f.Scenario.Id)).ToList());
            }
            catch (Exception exception)
            {
                replayFailed = ScenarioError.From(PythonReplay.Side, step: null, exception);
            }
            for (int i = 0; i < fixtures.Count; i++)
            {
                var (index, scenario, fixture) = fixtures[i];
                if (replays is null)
                {
                    results[index] = results[index] with { Error = results[index].Error ?? replayFailed };
                    continue;
                }
                var replay = replays[i];
                var replayed = ScenarioSuite.Guarded(scenario, () =>
                {
                    using var torch = new TorchRunner().StartSession(scenario);
                    var pair = PythonReplay.Compare(scenario, fixture, replay, torch.Settings);
                    return results[index] with { Pairs = [.. results[index].Pairs, pair] };
                });
                results[index] = replayed.Error is null ? replayed : results[index] with { Error = replayed.Error with { Side = PythonReplay.Side } };
            }
        }
        new ConsoleReport(Terminal.Console).Write(results, clock.Elapsed);
        bool passed = results.All(r => r.Passed);
        if (reportDirectory is not null)
        {
            try
            {
                var written = ReportFiles.Write(reportDirectory, results);
                Terminal.Console.MarkupLine(Markup.Escape($"Reports: {Path.Combine(reportDirectory, ReportFiles.Markdown)}, {ReportFiles.Json} and {written.Count - 2} plots in {reportDirectory}."));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The verdict above stands; the missing report is said in one line.
                Console.Error.WriteLine($"error: --report {reportDirectory}: the reports could not be written ({exception.Message})");
                return passed ? Program.BadInput : Program.Disagree;
            }
        }
        else if (!passed)
        {
            Terminal.Console.MarkupLine(Markup.Escape("(run with --report DIR for report.md, report.json and plots of the failures)"));
        }
        return passed ? Program.Agree : Program.Disagree;
    }
}
