using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>regen [ids...]</c>: reruns the reference and rewrites each fixture. Before replacing a fixture it shows what
/// changed, per tensor; when nothing did, it says "no change" and leaves the file as it is, byte for byte. A run
/// with NaN or Inf is refused unless its scenario expects them. Files are written atomically.
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
            Fixture fixture = RecordReference(scenario, libTorchVersion);
            string path = store.PathFor(scenario.Id);

            var nonFinite = FixtureFile.NonFiniteTensors(fixture);
            if (nonFinite.Count > 0 && scenario.Spec.NonFiniteExpected is null)
            {
                console.MarkupLine($"[red]{Markup.Escape(scenario.Id)}: refused: the reference run holds NaN or Inf ({Markup.Escape(string.Join(", ", nonFinite.Take(3)))}" +
                                   $"{(nonFinite.Count > 3 ? $", and {nonFinite.Count - 3} more" : "")}); {Markup.Escape(path)} is left as it was.[/]");
                refused++;
                continue;
            }

            byte[] bytes = FixtureFile.Serialize(fixture);
            if (File.Exists(path))
            {
                SafetensorsFile? old = null;
                try
                {
                    old = SafetensorsReader.Read(path);
                }
                catch (SafetensorsFormatException exception)
                {
                    console.MarkupLine($"{Markup.Escape(scenario.Id)}: replacing an unreadable fixture ({Markup.Escape(exception.Problem)})");
                }
                if (old is not null)
                {
                    var diff = FixtureDiff.Between(old, SafetensorsReader.Parse(bytes, path));
                    if (diff.IsEmpty)
                    {
                        console.MarkupLine($"{Markup.Escape(scenario.Id)}: [green]no change[/] ({Markup.Escape(path)} left as it is)");
                        continue;
                    }
                    console.MarkupLine($"{Markup.Escape(scenario.Id)}: {diff.Changes.Count} changes:");
                    foreach (string change in diff.Changes.Take(ChangesShown)) console.MarkupLine($"  {Markup.Escape(change)}");
                    if (diff.Changes.Count > ChangesShown) console.MarkupLine($"  ... and {diff.Changes.Count - ChangesShown} more");
                }
            }
            else
            {
                console.MarkupLine($"{Markup.Escape(scenario.Id)}: new fixture");
            }

            SafetensorsWriter.WriteAtomically(path, bytes);
            console.MarkupLine($"{Markup.Escape(scenario.Id)}: wrote {Markup.Escape(path)} ({bytes.Length / 1024.0:0.#} KiB, " +
                               $"{fixture.Recorded.Count} of {fixture.Metadata.Steps} steps recorded in full)");
        }
        return refused == 0 ? Program.Agree : Program.Disagree;
    }

    // The reference run, with a progress bar on a terminal (long runs take seconds) and none in a log.
    private static Fixture RecordReference(Scenario scenario, string libTorchVersion)
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
