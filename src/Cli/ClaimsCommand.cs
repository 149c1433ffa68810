using System.Text.Encodings.Web;
using System.Text.Json;
using BackpropParity.Harness.Claims;
using BackpropParity.Harness.Reports;

namespace BackpropParity.Cli;

/// <summary>
/// <c>claims [--json | --md]</c>: evaluates every number and checkable statement the lessons print. A wrong claim is a
/// finding about a lesson, not a failure: the command exits 0 whatever the verdicts.
/// </summary>
public static class ClaimsCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Execute(bool json, bool markdown = false)
    {
        var results = ClaimCatalog.EvaluateAll();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(results.Select(r => new
            {
                id = r.Id,
                source = r.Source,
                quote = r.Quote,
                verdict = r.Verdict switch { Verdict.Holds => "holds", Verdict.Wrong => "wrong", _ => "unverifiable" },
                printed = r.Printed,
                computed = r.Computed,
                note = r.Note,
            }), Json));
            return Program.Agree;
        }

        var all = ClaimTables.All(results);
        var findings = ClaimTables.Findings(results);
        if (markdown)
        {
            Console.Out.Write(all.ToMarkdown());
            Console.Out.WriteLine();
            Console.Out.Write(findings.ToMarkdown());
            return Program.Agree;
        }
        all.Write(Terminal.Console);
        findings.Write(Terminal.Console);
        return Program.Agree;
    }
}
