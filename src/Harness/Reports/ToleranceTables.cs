using System.Globalization;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// The tolerances against the evidence: per tensor (what <c>tolerances</c> prints), and per scenario (what docs/
/// shows). How close two correct implementations come to a limit depends on the CPU that measured it; the
/// tolerance in force does not.
/// </summary>
public static class ToleranceTables
{
    public static ResultTable ByTensor(IReadOnlyList<(Scenario Scenario, IReadOnlyList<ToleranceEvidence> Evidence)> runs) => new("tolerances-by-tensor",
        [new("scenario"), new("tensor"), new("n", RightAligned: true), new("observed max|d|", RightAligned: true, DependsOnMachine: true),
         new("default limit used", RightAligned: true, DependsOnMachine: true), new("derived bound 4·n·u·max|e|", RightAligned: true, DependsOnMachine: true),
         new("derived rule", DependsOnMachine: true), new("flag", DependsOnMachine: true)],
        runs.SelectMany(run => run.Evidence.Select(e => (IReadOnlyList<Cell>)[run.Scenario.Id, e.Tensor, e.Roundings.ToString(CultureInfo.InvariantCulture),
            ComparisonText.Scientific(e.ObservedMaxDifference), ComparisonText.Percent(e.DefaultLimitUsed), ComparisonText.Scientific(e.DerivedBound),
            e.DerivedRuleHolds ? new Cell("holds", Tone.Good) : new Cell("exceeded", Tone.Bad), e.Flag])).ToList(),
        Summary(runs.SelectMany(r => r.Evidence).ToList()), SummaryDependsOnMachine: true);

    public static ResultTable ByScenario(IReadOnlyList<(Scenario Scenario, IReadOnlyList<ToleranceEvidence> Evidence)> runs) => new("tolerances",
        [new("scenario"), new("tolerance (rtol, atol)"), new("tensors", RightAligned: true),
         new("manual vs torch: closest to limit", RightAligned: true, DependsOnMachine: true),
         new("derived rule holds for", RightAligned: true, DependsOnMachine: true), new("flag", DependsOnMachine: true)],
        runs.Select(run =>
        {
            var tolerance = run.Scenario.Spec.EffectiveTolerance;
            var worst = run.Evidence.MaxBy(e => e.DefaultLimitUsed);
            return (IReadOnlyList<Cell>)[run.Scenario.Id, $"{ComparisonText.Number(tolerance.RelativeTolerance)}, {ComparisonText.Number(tolerance.AbsoluteTolerance)}",
                run.Evidence.Count.ToString(CultureInfo.InvariantCulture), worst is null ? "—" : ComparisonText.Percent(worst.DefaultLimitUsed),
                $"{run.Evidence.Count(e => e.DerivedRuleHolds)} of {run.Evidence.Count}", worst?.Flag ?? ""];
        }).ToList(),
        Summary(runs.SelectMany(r => r.Evidence).ToList()), SummaryDependsOnMachine: true);

    private static string Summary(IReadOnlyList<ToleranceEvidence> evidence) =>
        $"{evidence.Count} tensors: the derived bound holds for {evidence.Count(e => e.DerivedRuleHolds)}; the default tolerance is ≥10× looser than needed for " +
        $"{evidence.Count(e => e.Flag.Contains("looser", StringComparison.Ordinal))}, tighter than the spread for {evidence.Count(e => e.Flag.Contains("tighter", StringComparison.Ordinal))}.";
}
