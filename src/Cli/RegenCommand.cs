using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary>
/// <c>regen [ids...]</c>: reruns the reference and sorts each fixture into unchanged, same within rounding (another
/// machine's last bits: the file is left byte for byte), or changed (listed, then written). A run with NaN or Inf is
/// refused unless its scenario expects them. <c>--force</c> rewrites fixtures that differ within rounding too;
/// <c>--dry-run</c> says what would happen and writes nothing.
/// </summary>
public static class RegenCommand
{
    private const int ChangesShown = 20;

    public static int Execute(IReadOnlyList<Scenario> scenarios, string? fixturesDirectory, RegenerationOptions options)
    {
        string libTorchVersion = TorchRuntime.EnsureLoaded();
        var here = RecordingMachine.Current();
        var console = Terminal.Console;
        var verdicts = new List<FixtureVerdict>();

        int failed = 0;
        foreach (var scenario in scenarios)
        {
            RegenerationOutcome outcome;
            try
            {
                Fixture recorded = RecordReference(scenario, libTorchVersion, here);
                outcome = FixtureRegenerator.Regenerate(scenario, recorded, FixtureStore.For(scenario, fixturesDirectory).PathFor(scenario.Id),
                    () => new TorchRunner().StartSession(scenario), options);
            }
            catch (Exception exception) when (exception is not TorchUnavailableException)
            {
                // One scenario's failure is its own line; the other fixtures are still regenerated.
                var error = ScenarioError.From(ScenarioError.Harness, null, exception);
                console.MarkupLine($"[red]{Markup.Escape($"{scenario.Id}: error: {error.ExceptionType}: {error.FirstLine}; its fixture is left as it was")}[/]");
                failed++;
                continue;
            }
            string colour = outcome.Verdict switch
            {
                FixtureVerdict.Unchanged or FixtureVerdict.WithinRounding or FixtureVerdict.Reworded => "green",
                FixtureVerdict.Refused => "red",
                _ => "default",
            };
            var lines = outcome.Lines.Count > ChangesShown + 2
                ? [.. outcome.Lines.Take(ChangesShown + 1), $"  ... and {outcome.Lines.Count - ChangesShown - 2} more", outcome.Lines[^1]]
                : outcome.Lines;
            foreach (string line in lines)
                console.MarkupLine($"[{colour}]{Markup.Escape(scenario.Id)}: {Markup.Escape(line)}[/]");
            verdicts.Add(outcome.Verdict);
        }

        int Count(FixtureVerdict verdict) => verdicts.Count(v => v == verdict);
        console.MarkupLine(Markup.Escape(
            $"{scenarios.Count} fixtures: {Count(FixtureVerdict.Unchanged)} unchanged, {Count(FixtureVerdict.WithinRounding)} same within rounding, {Count(FixtureVerdict.Reworded)} reworded (numbers kept), " +
            $"{Count(FixtureVerdict.Changed)} changed, {Count(FixtureVerdict.New) + Count(FixtureVerdict.Unreadable)} new or replacing an unreadable file, " +
            $"{Count(FixtureVerdict.Refused)} refused{(failed > 0 ? $", {failed} failed" : "")}{(options.DryRun ? " (dry run: nothing written)" : "")}; checked on {here}."));
        return Count(FixtureVerdict.Refused) == 0 && failed == 0 ? Program.Agree : Program.Disagree;
    }

    /// <summary>The reference run, with a progress bar on a terminal (long runs take seconds) and none in a log.</summary>
    public static Fixture RecordReference(Scenario scenario, string libTorchVersion, RecordingMachine here)
    {
        Fixture Record(Action<int>? onStep) => FixtureFile.Record(scenario, new TorchRunner().Run(scenario).Steps, "torchsharp",
            TorchRuntime.TorchSharpVersion, libTorchVersion, DateTimeOffset.UtcNow, here, onStep);

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
