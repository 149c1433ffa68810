using BackpropParity.Harness.Scenarios;
using Spectre.Console;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// Renders results to the terminal: one table row per scenario and pair of sides, then the details of each
/// failure, fixture problem or drift.
/// </summary>
public sealed class ConsoleReport(IAnsiConsole console)
{
    public void Write(IReadOnlyList<ScenarioResult> results, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn("dtype").AddColumn("pair").AddColumn(new TableColumn("steps").RightAligned())
            .AddColumn(new TableColumn("closest to limit").RightAligned()).AddColumn(new TableColumn("max ulps").RightAligned())
            .AddColumn("free-running trajectory").AddColumn("result");
        foreach (var result in results)
        {
            bool first = true;
            foreach (var pair in result.Pairs)
            {
                var stepwise = pair.Stepwise;
                if (pair.Skipped is { } reason)
                {
                    table.AddRow(first ? Markup.Escape(result.Spec.Id) : "", first ? result.Spec.DType.Name() : "", Markup.Escape(pair.Name), "", "", "",
                        Markup.Escape($"skipped: {reason}"), "[grey]SKIP[/]");
                    first = false;
                    continue;
                }
                table.AddRow(
                    first ? Markup.Escape(result.Spec.Id) : "", first ? result.Spec.DType.Name() : "", Markup.Escape(pair.Name),
                    stepwise.StepsCompared.ToString(), ComparisonText.Percent(stepwise.WorstLimitUsed), ComparisonText.Ulp(stepwise.MaxUlps),
                    Markup.Escape(ComparisonText.TrajectorySummary(pair)),
                    pair.Passed ? "[green]PASS[/]" : "[red bold]FAIL[/]");
                first = false;
            }
            if (result.Error is { } error)
            {
                table.AddRow(first ? Markup.Escape(result.Spec.Id) : "", first ? result.Spec.DType.Name() : "", Markup.Escape(error.Side), "", "", "",
                    Markup.Escape(ComparisonText.ErrorSummary(error)), "[red bold]FAIL[/]");
                first = false;
            }
            if (result.FixtureProblems.Count > 0)
                table.AddRow(first ? Markup.Escape(result.Spec.Id) : "", first ? result.Spec.DType.Name() : "", "fixture", "", "", "",
                    "see below", "[red bold]FAIL[/]");
        }
        console.Write(table);

        foreach (var result in results)
        {
            var lines = ComparisonText.TonedLines(result);
            if (lines.Count == 0) continue;
            console.WriteLine();
            foreach (var line in lines)
                console.MarkupLine(line.Tone == Tone.Bad ? $"[red]{Markup.Escape(line.Text)}[/]" : Markup.Escape(line.Text));
        }

        int failures = results.Count(r => !r.Passed);
        console.WriteLine();
        console.MarkupLine(failures == 0
            ? $"[green]All {results.Count} scenarios agree[/] at every step ({elapsed.TotalSeconds:0.0} s)."
            : $"[red bold]{failures} of {results.Count} scenarios fail[/] ({elapsed.TotalSeconds:0.0} s).");
    }
}
