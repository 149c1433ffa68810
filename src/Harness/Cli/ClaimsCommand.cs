using System.Text.Encodings.Web;
using System.Text.Json;
using BackpropParity.Harness.Claims;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>claims [--json]</c>: evaluates every number and checkable statement the lessons print. A wrong claim is a
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

    public static int Execute(bool json)
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

        var console = Terminal.Console;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("claim").AddColumn("lesson").AddColumn("quote").AddColumn(new TableColumn("printed").RightAligned())
            .AddColumn(new TableColumn("computed").RightAligned()).AddColumn("verdict");
        foreach (var r in results)
        {
            string verdict = r.Verdict switch
            {
                Verdict.Holds => "[green]holds[/]",
                Verdict.Wrong => "[red bold]wrong[/]",
                _ => "[grey]not checkable[/]",
            };
            table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Source[..3]), Markup.Escape(Shorten(r.Quote, 60)), Markup.Escape(r.Printed),
                Markup.Escape(r.Computed), verdict);
        }
        console.Write(table);

        foreach (var r in results.Where(r => r.Verdict != Verdict.Holds))
            console.MarkupLine($"[{(r.Verdict == Verdict.Wrong ? "red" : "grey")}]{Markup.Escape(r.Id)}[/] ({Markup.Escape(r.Source)}): {Markup.Escape(r.Note)}");
        console.MarkupLine($"{results.Count} claims: [green]{results.Count(r => r.Verdict == Verdict.Holds)} hold[/], " +
                           $"[red]{results.Count(r => r.Verdict == Verdict.Wrong)} wrong[/], {results.Count(r => r.Verdict == Verdict.Unverifiable)} not checkable.");
        return Program.Agree;
    }

    private static string Shorten(string text, int length)
    {
        string line = text.Replace('\n', ' ');
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
