using System.Text;
using System.Text.RegularExpressions;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// A measured table inside a page of docs/, between <c>&lt;!-- table: NAME --&gt;</c> and <c>&lt;!-- end table: NAME --&gt;</c>.
/// Only <c>backprop-parity docs</c> writes between the markers (it runs the verb that measures the table); a test
/// compares what stands there with a fresh run, on the columns that do not depend on the machine, so no table drifts.
/// </summary>
public sealed partial record DocTable(string Page, string Name, string Content)
{
    [GeneratedRegex(@"<!-- table: (?<name>[A-Za-z0-9-]+) -->\n(?<content>.*?)<!-- end table: \k<name> -->", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>Every measured table in a page's text, in order.</summary>
    public static IReadOnlyList<DocTable> In(string page, string text) =>
        Block().Matches(text.ReplaceLineEndings("\n")).Select(m => new DocTable(page, m.Groups["name"].Value, m.Groups["content"].Value)).ToList();

    /// <summary>
    /// Tables named so are written by the benchmarks (<c>bench/</c>, <c>--docs</c>): every figure in them depends on the
    /// machine, so they are shown, never checked.
    /// </summary>
    public const string BenchmarkPrefix = "bench-";

    /// <summary>The page's text with each named table's content made anew.</summary>
    public static string Rewrite(string text, IReadOnlyDictionary<string, ResultTable> tables) =>
        RewriteText(text, tables.ToDictionary(t => t.Key, t => t.Value.ToMarkdown()));

    /// <summary>The page's text with each named block's content replaced by the given markdown.</summary>
    public static string RewriteText(string text, IReadOnlyDictionary<string, string> blocks) =>
        Block().Replace(text.ReplaceLineEndings("\n"), m => blocks.TryGetValue(m.Groups["name"].Value, out var content)
            ? $"<!-- table: {m.Groups["name"].Value} -->\n{content.ReplaceLineEndings("\n").TrimEnd('\n')}\n<!-- end table: {m.Groups["name"].Value} -->"
            : m.Value);

    /// <summary>
    /// Where this stored table differs from a fresh run's, on the columns (and summary) that do not depend on the
    /// machine: one line each, naming the page, the table, the row and the column; empty when it is current.
    /// </summary>
    public IReadOnlyList<string> Drift(ResultTable fresh)
    {
        var problems = new List<string>();
        string where = $"{Page}, table {Name}";
        var rows = ResultTable.ParseMarkdownRows(Content.Split('\n'));
        var header = fresh.Columns.Select(c => c.Header).ToList();
        if (rows.Count == 0 || !rows[0].SequenceEqual(header))
            return [$"{where}: the columns are not ({string.Join(", ", header)})"];
        if (rows.Count - 1 != fresh.Rows.Count)
            problems.Add($"{where}: {rows.Count - 1} rows stored, the run gives {fresh.Rows.Count}");
        for (int r = 0; r < Math.Min(rows.Count - 1, fresh.Rows.Count); r++)
            for (int c = 0; c < header.Count; c++)
            {
                if (fresh.Columns[c].DependsOnMachine) continue;
                string stored = c < rows[r + 1].Count ? rows[r + 1][c] : "";
                string now = fresh.Rows[r][c].Text.Replace('\n', ' ');
                if (stored != now) problems.Add($"{where}, row {r + 1} ({fresh.Rows[r][0].Text}), column '{header[c]}': the page says '{stored}', the run gives '{now}'");
            }
        if (!fresh.SummaryDependsOnMachine && fresh.Summary.Length > 0 && !Content.Contains(fresh.Summary, StringComparison.Ordinal))
            problems.Add($"{where}: the summary is not '{fresh.Summary}'");
        return problems;
    }
}
