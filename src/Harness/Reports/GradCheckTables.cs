using System.Globalization;
using BackpropParity.Harness.GradCheck;

namespace BackpropParity.Harness.Reports;

/// <summary>The numerical witness as tables: per parameter and point (what <c>gradcheck</c> prints), and per scenario (what docs/ shows).</summary>
public static class GradCheckTables
{
    public static ResultTable ByParameter(IReadOnlyList<GradientCheckResult> results) => new("gradcheck-by-parameter",
        [new("scenario"), new("step", RightAligned: true), new("parameter"), new("mode"),
         new("manual rel. error", RightAligned: true, DependsOnMachine: true), new("torch rel. error", RightAligned: true, DependsOnMachine: true),
         new("threshold", RightAligned: true), new("kinks", RightAligned: true, DependsOnMachine: true), new("forwards", RightAligned: true), new("verdict")],
        results.SelectMany(r => r.Parameters.Select(p => (IReadOnlyList<Cell>)[r.ScenarioId, r.Step.ToString(CultureInfo.InvariantCulture), p.Parameter, r.Mode,
            ComparisonText.Scientific(p.MaxRelativeError["manual"]), ComparisonText.Scientific(p.MaxRelativeError["torch"]), ComparisonText.Scientific(r.Threshold),
            p.Kinks.Count.ToString(CultureInfo.InvariantCulture), r.ForwardPasses.ToString(CultureInfo.InvariantCulture), Verdict(r, p)])).ToList(),
        Summary(results));

    public static ResultTable ByScenario(IReadOnlyList<GradientCheckResult> results) => new("gradcheck",
        [new("scenario"), new("points", RightAligned: true), new("mode"), new("worst rel. error, manual", RightAligned: true, DependsOnMachine: true),
         new("worst rel. error, torch", RightAligned: true, DependsOnMachine: true), new("threshold", RightAligned: true), new("verdict")],
        results.GroupBy(r => r.ScenarioId).Select(g => (IReadOnlyList<Cell>)[g.Key, g.Count().ToString(CultureInfo.InvariantCulture),
            string.Join(", ", g.Select(r => r.Mode).Distinct()),
            ComparisonText.Scientific(g.SelectMany(r => r.Parameters).Max(p => p.MaxRelativeError["manual"])),
            ComparisonText.Scientific(g.SelectMany(r => r.Parameters).Max(p => p.MaxRelativeError["torch"])),
            ComparisonText.Scientific(g.First().Threshold),
            g.All(r => r.Passed) ? new Cell("agree", Tone.Good) : new Cell($"{string.Join(" and ", g.SelectMany(r => r.Disagreeing).Distinct())} wrong", Tone.Bad)]).ToList(),
        Summary(results));

    private static string Summary(IReadOnlyList<GradientCheckResult> results) =>
        $"Numerical gradients in float64 (central differences of the loss as the spec defines it); {results.Count(r => r.Passed)} of {results.Count} points " +
        $"agree with both implementations; {results.Sum(r => r.ForwardPasses)} forward passes.";

    private static Cell Verdict(GradientCheckResult result, ParameterCheck parameter) =>
        !parameter.Passed ? new Cell($"{string.Join(" and ", parameter.MaxRelativeError.Where(e => e.Value > result.Threshold).Select(e => e.Key))} wrong", Tone.Bad)
        : parameter.Kinks.Count == parameter.Elements ? new Cell("kink only", Tone.Muted)
        : new Cell("agree", Tone.Good);
}
