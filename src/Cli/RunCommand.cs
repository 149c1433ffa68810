using System.Diagnostics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides.External;
using BackpropParity.Manual.Tensors.Kernels;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary><c>run [ids...]</c> (and the program with no verb): every pair of sides, every step.</summary>
public static class RunCommand
{
    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory, bool skipFixtures, string? reportDirectory, bool withPython = false,
        int threads = 1, IReadOnlyList<string>? sides = null, int sideTimeoutSeconds = 600, IReadOnlyCollection<string>? scenarioFolders = null, string? shard = null)
    {
        if (threads is < 1 or > 256) throw new BadInputException($"--threads {threads}: give a count from 1 to 256.");
        if (sideTimeoutSeconds < 1) throw new BadInputException($"--side-timeout {sideTimeoutSeconds}: give a number of seconds, at least 1.");
        var external = (sides ?? []).Select(text => ExternalSide.Parse(text, TimeSpan.FromSeconds(sideTimeoutSeconds))).ToList();
        if (external.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new BadInputException($"--side: the name '{twice.Key}' is given twice; give each side its own name.");
        TorchRuntime.EnsureLoaded();   // the reference must load: one line and exit 3, not a FAIL row per scenario
        KernelThreads.Count = threads;
        if (threads != 1) TorchRuntime.Threads = threads;
        var scenarios = ScenarioSelection.Resolve(ids, scenarioFolders);
        if (shard is not null)
        {
            var (index, count) = Shards.Parse(shard);
            scenarios = Shards.Of(scenarios, index, count);
            Terminal.Console.MarkupLine(Markup.Escape($"shard {index}/{count}: {scenarios.Count} scenarios ({string.Join(", ", scenarios.Select(s => s.Id))})"));
        }
        PythonReplay? python = null;
        if (withPython)
        {
            if (skipFixtures) throw new BadInputException("--with-python replays the fixtures; it cannot be combined with --no-fixtures.");
            (python, string? unavailable) = PythonReplay.Locate();
            if (python is null) throw new BadInputException($"--with-python: {unavailable}.");
        }
        if (reportDirectory is not null) ReportFiles.CheckWritable(reportDirectory);   // before minutes of work, not after
        var clock = Stopwatch.StartNew();
        var loaded = scenarios.Select(scenario => skipFixtures ? (null, []) : FixtureLoader.Load(scenario, FixtureStore.For(scenario, fixturesDirectory))).ToList();
        // Scenarios are independent: side by side on every core; one scenario's exception is its own FAIL row.
        var results = ScenarioSuite.Run(scenarios, i => ParityCheck.Run(scenarios[i], loaded[i].Fixture, fixtureProblems: loaded[i].Problems),
            Environment.ProcessorCount);
        if (python is not null)
        {
            // PyTorch replays the stored fixtures themselves: requests made from each fixture's recorded steps.
            var stored = Enumerable.Range(0, scenarios.Count).Where(i => loaded[i].Fixture is not null).Select(i => (i, loaded[i].Fixture!)).ToList();
            ExternalSides.AddPairs(results, scenarios, python.AsSide(), Fixture.Side, stored, scenario =>
            {
                using var torch = new TorchRunner().StartSession(scenario);
                return torch.Settings;
            });
        }
        if (external.Count > 0)
        {
            // Every other external side is compared with TorchSharp live: its requests are made from a recording of the reference run.
            var recordings = ExternalSides.RecordReference(scenarios, results);
            foreach (var side in external) ExternalSides.AddPairs(results, scenarios, side, TorchRunner.SideName, recordings, _ => null);
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
