using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>regen [ids...]</c>: reruns the reference and rewrites each fixture, showing what changed first; "no change"
/// leaves the file byte for byte. A run with NaN or Inf is refused unless its scenario expects them.
/// </summary>
public static class RegenCommand
{
    private const int ChangesShown = 20;

    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory)
    {
        var scenarios = ScenarioCatalog.Select(ids);
        var store = FixtureStore.Locate(fixturesDirectory);
        string libTorchVersion = TorchRuntime.EnsureLoaded();
        var console = Terminal.Console;
        int refused = 0;

        foreach (var scenario in scenarios)
        {
            Fixture recorded = RecordReference(scenario, libTorchVersion);
            var outcome = FixtureRegenerator.Regenerate(scenario, recorded, store.PathFor(scenario.Id));
            string colour = outcome.Result switch
            {
                RegenerationResult.Unchanged => "green",
                RegenerationResult.Refused => "red",
                _ => "default",
            };
            var lines = outcome.Lines.Count > ChangesShown + 2
                ? [.. outcome.Lines.Take(ChangesShown + 1), $"  ... and {outcome.Lines.Count - ChangesShown - 2} more", outcome.Lines[^1]]
                : outcome.Lines;
            foreach (string line in lines)
                console.MarkupLine($"[{colour}]{Markup.Escape(scenario.Id)}: {Markup.Escape(line)}[/]");
            if (outcome.Result == RegenerationResult.Refused) refused++;
        }
        return refused == 0 ? Program.Agree : Program.Disagree;
    }

    /// <summary>The reference run, with a progress bar on a terminal (long runs take seconds) and none in a log.</summary>
    public static Fixture RecordReference(Scenario scenario, string libTorchVersion)
    {
        Fixture Record(Action<int>? onStep) => FixtureFile.Record(scenario, new TorchRunner().Run(scenario).Steps, "torchsharp",
            TorchRuntime.TorchSharpVersion, libTorchVersion, DateTimeOffset.UtcNow, onStep);

        if (Console.IsOutputRedirected || scenario.Spec.Steps < 500) return Record(null);
        Fixture? fixture = null;
        Terminal.Console.Progress().Start(context =>
        {
            var task = context.AddTask(Markup.Escape(scenario.Id), maxValue: scenario.Spec.Steps);
            fixture = Record(step => task.Value = step);
        });
        return fixture!;
    }
}
