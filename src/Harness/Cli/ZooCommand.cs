using System.Text.Encodings.Web;
using System.Text.Json;
using BackpropParity.Harness.Zoo;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>zoo [--json]</c>: every mutant of the bug zoo against every network scenario. Exits 0 only when every mutant is
/// detected and located and the correct implementation raises no alarm.
/// </summary>
public static class ZooCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Execute(bool json)
    {
        var results = ZooRunner.Run();
        var falseAlarms = ZooRunner.FalseAlarms();
        bool clean = results.All(r => r.Detected && r.LocalizedCorrectly) && falseAlarms.Count == 0;

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(results.Select(r => new
            {
                mutant = r.Mutant,
                bug = r.Bug,
                detected = r.Detected,
                detected_by = r.DetectedBy,
                missed_by = r.MissedBy,
                first_detection = r.FirstDetection,
                localized = r.Localized,
                expected_localization = r.ExpectedLocalization,
                localized_correctly = r.LocalizedCorrectly,
            }), Json));
            return clean ? Program.Agree : Program.Disagree;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("mutant").AddColumn(new TableColumn("detected by").RightAligned()).AddColumn("first detection")
            .AddColumn("report names").AddColumn("right?").AddColumn("invisible in");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Mutant), $"{r.DetectedBy.Count} of {r.DetectedBy.Count + r.MissedBy.Count}",
                Markup.Escape(r.FirstDetection ?? "—"), Markup.Escape(r.Localized ?? "—"),
                r.LocalizedCorrectly ? "[green]yes[/]" : "[red bold]no[/]",
                Markup.Escape(Summarise(r.MissedBy)));
        }
        var console = Terminal.Console;
        console.Write(table);
        console.MarkupLine($"{results.Count} mutants: detected {results.Count(r => r.Detected)}, located correctly {results.Count(r => r.LocalizedCorrectly)}; " +
                           $"false alarms from the correct implementation: {falseAlarms.Count}" +
                           (falseAlarms.Count > 0 ? $" ({Markup.Escape(string.Join(", ", falseAlarms))})" : "") + ".");
        return clean ? Program.Agree : Program.Disagree;
    }

    // Scenario ids without their dtype, so "xor-one-neuron-float64, xor-one-neuron-float32" reads "xor-one-neuron".
    private static string Summarise(IReadOnlyList<string> ids)
    {
        var names = ids.Select(id => id.EndsWith("-float64", StringComparison.Ordinal) || id.EndsWith("-float32", StringComparison.Ordinal) ? id[..^8] : id)
            .Distinct().ToList();
        return names.Count == 0 ? "—" : names.Count > 4 ? $"{string.Join(", ", names.Take(4))} and {names.Count - 4} more" : string.Join(", ", names);
    }
}
