using System.Collections.Concurrent;
using System.Diagnostics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Python;
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
        var clock = Stopwatch.StartNew();
        var loaded = scenarios.Select(scenario => store is null ? (null, []) : FixtureLoader.Load(scenario, store)).ToList();
        // Scenarios are independent: run them side by side on every core, longest first (steps × values per step) so
        // no core is left with a long spiral at the end. Results keep the catalog's order.
        var results = new ScenarioResult[scenarios.Count];
        var longestFirst = Enumerable.Range(0, scenarios.Count).OrderByDescending(i => EstimatedWork(scenarios[i])).ToList();
        Parallel.ForEach(Partitioner.Create(longestFirst, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = ParityCheck.Run(scenarios[i], loaded[i].Fixture, fixtureProblems: loaded[i].Problems));
        var fixtures = new List<(int Index, Scenario Scenario, Fixture Fixture)>();
        for (int i = 0; i < scenarios.Count; i++)
            if (loaded[i].Fixture is { } fixture) fixtures.Add((i, scenarios[i], fixture));
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

    private static long EstimatedWork(Scenario scenario) =>
        (long)scenario.Spec.Steps * (scenario.Inputs.Values.Length + scenario.InitialParameters.Sum(p => (long)p.Values.Length));
}
