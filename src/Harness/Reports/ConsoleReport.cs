using BackpropParity.Harness.Scenarios;
using Spectre.Console;

namespace BackpropParity.Harness.Reports;

/// <summary>Renders parity results to the terminal: one table row per scenario, then the details of each failure or drift.</summary>
public sealed class ConsoleReport(IAnsiConsole console)
{
    public void Write(IReadOnlyList<ParityResult> results, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn("dtype").AddColumn(new TableColumn("steps").RightAligned())
            .AddColumn(new TableColumn("tensors").RightAligned())
            .AddColumn(new TableColumn("closest to limit").RightAligned()).AddColumn(new TableColumn("max ulps").RightAligned())
            .AddColumn("free-running trajectory").AddColumn("result");
        foreach (var result in results)
        {
            var stepwise = result.Stepwise;
            table.AddRow(
                Markup.Escape(stepwise.Spec.Id), stepwise.Spec.DType.Name(), stepwise.StepsCompared.ToString(),
                stepwise.TensorsCompared.ToString(), ComparisonText.Percent(stepwise.WorstLimitUsed), ComparisonText.Ulp(stepwise.MaxUlps),
                Markup.Escape(ComparisonText.TrajectorySummary(result.Trajectory)),
                result.Passed ? "[green]PASS[/]" : "[red bold]FAIL[/]");
        }
        console.Write(table);

        foreach (var result in results.Where(r => !r.Passed || r.TrajectoryDrifted))
        {
            console.WriteLine();
            foreach (string line in ComparisonText.Lines(result))
                console.MarkupLine(line.StartsWith("  first", StringComparison.Ordinal) ? $"[red]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }

        int failures = results.Count(r => !r.Passed);
        console.WriteLine();
        console.MarkupLine(failures == 0
            ? $"[green]All {results.Count} scenarios agree[/] with the reference at every step ({elapsed.TotalSeconds:0.0} s)."
            : $"[red bold]{failures} of {results.Count} scenarios disagree[/] with the reference ({elapsed.TotalSeconds:0.0} s).");
    }
}
