using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary>
/// <c>check-fixtures</c>: every scenario has a readable fixture that matches its current spec, data and initial
/// parameters, recorded with the reference versions in use; every fixture file belongs to a scenario.
/// </summary>
public static class CheckFixturesCommand
{
    public static int Execute(IReadOnlyCollection<string> arguments, IReadOnlyCollection<string>? scenarioFolders, string? fixturesDirectory)
    {
        var scenarios = ScenarioSelection.Resolve(arguments, scenarioFolders);
        string libTorchVersion = TorchRuntime.EnsureLoaded();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("recorded steps").RightAligned())
            .AddColumn("reference").AddColumn("recorded on").AddColumn("status");
        var problems = new List<string>();

        foreach (var scenario in scenarios)
        {
            string path = FixtureStore.For(scenario, fixturesDirectory).PathFor(scenario.Id);
            var found = new List<string>();
            Fixture? fixture = null;
            if (Directory.Exists(path))
            {
                found.Add($"{path} is a folder, not a fixture file; move it away, then `{FixtureStore.RegenerateCommand(scenario)}`");
            }
            else if (!File.Exists(path))
            {
                found.Add($"missing; create it with `{FixtureStore.RegenerateCommand(scenario)}`");
            }
            else
            {
                try
                {
                    fixture = FixtureFile.Load(path);
                    found.AddRange(FixtureCheck.UsabilityProblems(fixture, scenario));
                    found.AddRange(FixtureCheck.VersionProblems(fixture, scenario, TorchRuntime.TorchSharpVersion, libTorchVersion));
                }
                catch (Exception exception) when (exception is SafetensorsFormatException or FixtureException)
                {
                    found.Add($"unreadable: {exception.Message}; regenerate it with `{FixtureStore.RegenerateCommand(scenario)}`");
                }
            }
            problems.AddRange(found.Select(p => $"{scenario.Id}: {p}"));
            table.AddRow(Markup.Escape(scenario.Id),
                File.Exists(path) ? $"{new FileInfo(path).Length / 1024.0:0.#} KiB" : "",
                fixture is null ? "" : $"{fixture.Recorded.Count} of {fixture.Metadata.Steps}",
                fixture is null ? "" : Markup.Escape($"TorchSharp {fixture.Metadata.TorchSharpVersion}, LibTorch {fixture.Metadata.LibTorchVersion}"),
                fixture is null ? "" : Markup.Escape(fixture.Metadata.RecordedOn?.ToString() ?? "(not recorded)"),
                found.Count == 0 ? "[green]ok[/]" : "[red bold]problem[/]");
        }

        // Every fixture file of a fixtures folder belongs to a scenario: checked when every built-in scenario is (the
        // folder beside a scenario file holds the user's own data files too, safetensors among them).
        string? storeFolder = null;
        if (arguments.Count == 0 && (scenarioFolders is null || scenarioFolders.Count == 0))
        {
            var store = FixtureStore.Locate(fixturesDirectory);
            storeFolder = store.Directory;
            var known = scenarios.Select(s => s.Id + FixtureFile.Extension).ToHashSet();
            if (Directory.Exists(store.Directory))
            {
                foreach (string file in Directory.GetFiles(store.Directory, "*" + FixtureFile.Extension).Order())
                    if (!known.Contains(Path.GetFileName(file)))
                        problems.Add($"{file}: no scenario of this name; delete it or restore its scenario");
                // SafetensorsWriter.WriteAtomically's temporary files: only a killed regen leaves one behind.
                foreach (string file in Directory.GetFiles(store.Directory, $".*{FixtureFile.Extension}.*.tmp").Order())
                    problems.Add($"{file}: a temporary file left by an interrupted regen; the fixture beside it is whole (old or new); delete this file");
            }
        }

        var console = Terminal.Console;
        console.Write(table);
        // A fixture from another machine is still in order: it is a reference within rounding there (see fixtures/README.md).
        console.MarkupLine(Markup.Escape($"This machine: {RecordingMachine.Current()}."));
        foreach (string problem in problems) console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
        console.MarkupLine(problems.Count == 0
            ? $"[green]All {scenarios.Count} fixtures are in order[/]{(storeFolder is null ? "" : Markup.Escape($" ({storeFolder})"))}."
            : $"[red bold]{problems.Count} fixture problems.[/]");
        return problems.Count == 0 ? Program.Agree : Program.Disagree;
    }
}
