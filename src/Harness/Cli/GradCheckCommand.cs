using System.Globalization;
using System.Text.Json;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.GradCheck;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// <c>gradcheck [ids...] [--mode auto|full|fast] [--json]</c>: the numerical witness against both implementations'
/// analytic gradients. Exits 1 when the measurement disagrees with either side.
/// </summary>
public static class GradCheckCommand
{
    public static int Execute(IReadOnlyCollection<string> ids, string? fixturesDirectory, string mode, bool json)
    {
        if (mode is not ("auto" or "full" or "fast")) throw new BadInputException($"--mode must be auto, full or fast, not '{mode}'.");
        var store = FixtureStore.Locate(fixturesDirectory);
        var results = new List<GradientCheckResult>();
        foreach (var scenario in ScenarioCatalog.Select(ids))
        {
            var (fixture, _) = FixtureLoader.Load(scenario, store);
            results.AddRange(ThreeWitnesses.Run(scenario, fixture, mode));
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(results.SelectMany(r => r.Parameters.Select(p => new
            {
                scenario = r.ScenarioId,
                step = r.Step,
                parameter = p.Parameter,
                mode = r.Mode,
                numerical_dtype = r.NumericalDtype,
                manual_relative_error = p.MaxRelativeError["manual"],
                torch_relative_error = p.MaxRelativeError["torch"],
                threshold = r.Threshold,
                non_differentiable_points = p.Kinks,
                forward_passes = r.ForwardPasses,
                verdict = p.Passed ? "agree" : "disagree",
                disagreeing = p.MaxRelativeError.Where(e => e.Value > r.Threshold).Select(e => e.Key).ToList(),
            })), new JsonSerializerOptions { WriteIndented = true }));
            return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn(new TableColumn("step").RightAligned()).AddColumn("parameter").AddColumn("mode")
            .AddColumn(new TableColumn("manual rel. error").RightAligned()).AddColumn(new TableColumn("torch rel. error").RightAligned())
            .AddColumn(new TableColumn("threshold").RightAligned()).AddColumn(new TableColumn("kinks").RightAligned())
            .AddColumn(new TableColumn("forwards").RightAligned()).AddColumn("verdict");
        foreach (var r in results)
            foreach (var p in r.Parameters)
                table.AddRow(Markup.Escape(r.ScenarioId), r.Step.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Parameter), r.Mode,
                    ComparisonText.Scientific(p.MaxRelativeError["manual"]), ComparisonText.Scientific(p.MaxRelativeError["torch"]), ComparisonText.Scientific(r.Threshold),
                    p.Kinks.Count.ToString(CultureInfo.InvariantCulture), r.ForwardPasses.ToString(CultureInfo.InvariantCulture),
                    p.Passed ? (p.Kinks.Count == p.Elements ? "[grey]kink only[/]" : "[green]agree[/]")
                        : $"[red bold]{Markup.Escape(string.Join(" and ", p.MaxRelativeError.Where(e => e.Value > r.Threshold).Select(e => e.Key)))} wrong[/]");
        var console = Terminal.Console;
        console.Write(table);
        console.MarkupLine($"Numerical gradients in float64 (central differences of the loss as the spec defines it); " +
                           $"{results.Count(r => r.Passed)} of {results.Count} points agree with both implementations; " +
                           $"{results.Sum(r => r.ForwardPasses)} forward passes.");
        return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
    }
}
