using System.Text.Encodings.Web;
using System.Text.Json;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Zoo;

namespace BackpropParity.Cli;

/// <summary>
/// <c>zoo [--json | --md]</c>: every mutant of the bug zoo against every network scenario. Exits 0 only when every mutant is
/// detected and located and the correct implementation raises no alarm.
/// </summary>
public static class ZooCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Execute(bool json, bool markdown = false)
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
                first_detection = r.First is { } first ? SuspectText.Where(first) : null,
                localized = r.First is { } named ? SuspectText.Describe(named) : null,
                expected_localization = SuspectText.Describe(r.Expected),
                localized_correctly = r.LocalizedCorrectly,
            }), Json));
            return clean ? Program.Agree : Program.Disagree;
        }

        var table = ZooTable.From(results, falseAlarms);
        if (markdown) Console.Out.Write(table.ToMarkdown());
        else table.Write(Terminal.Console);
        return clean ? Program.Agree : Program.Disagree;
    }
}
