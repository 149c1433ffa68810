using BackpropParity.Harness.Claims;

namespace BackpropParity.Harness.Reports;

/// <summary>The lessons' claims as tables: every claim with its verdict, and the findings (wrong or not checkable) with their notes.</summary>
public static class ClaimTables
{
    public static ResultTable All(IReadOnlyList<ClaimResult> results) => new("claims",
        [new("claim"), new("lesson"), new("quote"), new("printed", RightAligned: true), new("computed", RightAligned: true), new("verdict")],
        results.Select(r => (IReadOnlyList<Cell>)[r.Id, r.Source[..3], Shorten(r.Quote, 60), r.Printed, r.Computed, VerdictCell(r.Verdict)]).ToList(),
        Summary(results));

    public static ResultTable Findings(IReadOnlyList<ClaimResult> results) => new("claim-findings",
        [new("claim"), new("lesson"), new("printed"), new("computed"), new("verdict"), new("why")],
        results.Where(r => r.Verdict != Verdict.Holds)
            .Select(r => (IReadOnlyList<Cell>)[r.Id, r.Source, r.Printed, r.Computed, VerdictCell(r.Verdict), r.Note]).ToList(),
        "");

    public static string Summary(IReadOnlyList<ClaimResult> results) =>
        $"{results.Count} claims: {results.Count(r => r.Verdict == Verdict.Holds)} hold, {results.Count(r => r.Verdict == Verdict.Wrong)} wrong, " +
        $"{results.Count(r => r.Verdict == Verdict.Unverifiable)} not checkable.";

    private static Cell VerdictCell(Verdict verdict) => verdict switch
    {
        Verdict.Holds => new("holds", Tone.Good),
        Verdict.Wrong => new("wrong", Tone.Bad),
        _ => new("not checkable", Tone.Muted),
    };

    private static string Shorten(string text, int length)
    {
        string line = text.Replace('\n', ' ');
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
