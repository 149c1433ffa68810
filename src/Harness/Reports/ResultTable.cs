using System.Text;
using Spectre.Console;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// A table of measured results, as plain data: made once by the verb that measures them, rendered to the console or
/// to markdown (<c>--md</c>, and the tables in docs/). A table in docs/ is never typed by hand.
/// </summary>
public sealed record ResultTable(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, string Summary,
    bool SummaryDependsOnMachine = false)
{
    public IReadOnlyList<IReadOnlyList<Cell>> Rows { get; } = EveryRowFits(Name, Columns, Rows);

    private static IReadOnlyList<IReadOnlyList<Cell>> EveryRowFits(string name, IReadOnlyList<Column> columns, IReadOnlyList<IReadOnlyList<Cell>> rows) =>
        rows.FirstOrDefault(row => row.Count != columns.Count) is { } misfit
            ? throw new ArgumentException($"Table {name}: a row has {misfit.Count} cells for {columns.Count} columns.")
            : rows;

    /// <summary>A GitHub-flavoured markdown table, then the summary as a paragraph.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Columns.Select(c => Escape(c.Header))).AppendLine(" |");
        text.Append('|').AppendJoin("|", Columns.Select(c => c.RightAligned ? "---:" : "---")).AppendLine("|");
        foreach (var row in Rows)
            text.Append("| ").AppendJoin(" | ", row.Select(cell => Escape(cell.Text))).AppendLine(" |");
        if (Summary.Length > 0) text.AppendLine().AppendLine(Summary);
        return text.ToString();
    }

    public void Write(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in Columns)
            table.AddColumn(column.RightAligned ? new TableColumn(Spectre.Console.Markup.Escape(column.Header)).RightAligned() : new TableColumn(Spectre.Console.Markup.Escape(column.Header)));
        foreach (var row in Rows)
            table.AddRow(row.Select(Styled).ToArray());
        console.Write(table);
        if (Summary.Length > 0) console.MarkupLine(Spectre.Console.Markup.Escape(Summary));
    }

    /// <summary>A markdown table's lines read back into cells (the inverse of <see cref="ToMarkdown"/>'s escaping), header first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseMarkdownRows(IEnumerable<string> lines) =>
        lines.Where(line => line.StartsWith('|') && !line.StartsWith("|---", StringComparison.Ordinal))
            .Select(line => (IReadOnlyList<string>)System.Text.RegularExpressions.Regex.Split(line.Trim()[1..^1], @"(?<!\\)\|")
                .Select(cell => cell.Trim().Replace("\\|", "|")).ToList())
            .ToList();

    private static string Styled(Cell cell)
    {
        string text = Spectre.Console.Markup.Escape(cell.Text);
        return cell.Tone switch
        {
            Tone.Good => $"[green]{text}[/]",
            Tone.Bad => $"[red bold]{text}[/]",
            Tone.Muted => $"[grey]{text}[/]",
            _ => text,
        };
    }

    // A pipe inside a cell would end it; a line break would end the row.
    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
