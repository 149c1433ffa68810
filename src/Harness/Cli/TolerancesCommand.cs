using System.Globalization;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>tolerances [ids...]</c>: per scenario and tensor, how far manual and TorchSharp actually are (each step
/// re-synchronised), next to the default tolerance's share used and the bound derived from the computation
/// (<see cref="ToleranceEvidence"/>), with a flag where the tolerance in force is far looser than needed or tighter
/// than the spread. Information, not a verdict: exits 0.
/// </summary>
public static class TolerancesCommand
{
    public static int Execute(IReadOnlyCollection<string> ids)
    {
        var console = Terminal.Console;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn("tensor").AddColumn(new TableColumn("n").RightAligned())
            .AddColumn(new TableColumn("observed max|d|").RightAligned()).AddColumn(new TableColumn("default limit used").RightAligned())
            .AddColumn(new TableColumn("derived bound 4·n·u·max|e|").RightAligned()).AddColumn("derived rule").AddColumn("flag");
        int tensors = 0, holding = 0, loose = 0, tight = 0;
        foreach (var scenario in ScenarioCatalog.Select(ids).Where(s => !s.Spec.IsExpression))
        {
            var stepwise = ParityCheck.Run(scenario).Pair(ParityCheck.ManualVersusTorch).Stepwise;
            foreach (var e in ToleranceEvidence.From(scenario, stepwise))
            {
                tensors++;
                holding += e.DerivedRuleHolds ? 1 : 0;
                loose += e.Flag.Contains("looser", StringComparison.Ordinal) ? 1 : 0;
                tight += e.Flag.Contains("tighter", StringComparison.Ordinal) ? 1 : 0;
                table.AddRow(Markup.Escape(scenario.Id), Markup.Escape(e.Tensor), e.Roundings.ToString(CultureInfo.InvariantCulture),
                    Reports.ComparisonText.Scientific(e.ObservedMaxDifference), Reports.ComparisonText.Percent(e.DefaultLimitUsed), Reports.ComparisonText.Scientific(e.DerivedBound),
                    e.DerivedRuleHolds ? "[green]holds[/]" : "[yellow]exceeded[/]", Markup.Escape(e.Flag));
            }
        }
        console.Write(table);
        console.MarkupLine($"{tensors} tensors: the derived bound holds for {holding}; the default tolerance is ≥10× looser than needed for {loose}, " +
                           $"tighter than the spread for {tight}.");
        return Program.Agree;
    }
}
