using System.Globalization;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// The compact plain-text form of results: the verdict line, then, on failure, where the sides first disagree,
/// the suspect operation, and by how much. Used by the console and by test failure messages.
/// </summary>
public static class ComparisonText
{
    /// <summary>The whole story of a scenario: fixture problems, then every pair that failed or drifted.</summary>
    public static IReadOnlyList<string> Lines(ScenarioResult result)
    {
        var lines = new List<string>();
        foreach (string problem in result.FixtureProblems)
            lines.Add($"{result.Spec.Id}  fixture: {problem}");
        foreach (var pair in result.Pairs.Where(p => !p.Passed || p.TrajectoryDrifted))
            lines.AddRange(Lines(pair));
        return lines;
    }

    /// <summary>A pair: the per-step verdict, then how the free-running trajectory went.</summary>
    public static IReadOnlyList<string> Lines(PairResult pair)
    {
        var lines = new List<string>(Lines(pair.Stepwise));
        var trajectory = pair.Trajectory;
        if (pair.TrajectoryDrifted && trajectory.FirstMismatch is { } parted)
        {
            lines.Add($"  trajectory: the free-running runs part at step {parted.Step} ({parted.Name}, max|d| {Number(parted.MaxAbsoluteDifference)}), " +
                      "but every re-synchronised step agrees: rounding amplified over steps, not a bug.");
            if (trajectory.ExpectedLosses.Count > 0)
                lines.Add($"  final loss: {trajectory.ExpectedSide} {Number(trajectory.ExpectedLosses[^1])}, {trajectory.ActualSide} {Number(trajectory.ActualLosses[^1])}");
        }
        else if (!pair.Stepwise.Passed)
        {
            lines.Add($"  trajectory: {TrajectorySummary(trajectory)}");
        }
        return lines;
    }

    public static string TrajectorySummary(Comparison.Comparison trajectory) =>
        trajectory.StructuralProblem is not null ? $"cannot compare: {trajectory.StructuralProblem}"
        : trajectory.FirstMismatch is { } first ? $"parts at step {first.Step} ({first.Name})"
        : "agrees at every step";

    public static string Verdict(Comparison.Comparison comparison) =>
        $"{comparison.Spec.Id}  {comparison.Pair}  {comparison.StepsCompared} steps  {(comparison.Passed ? "PASS" : "FAIL")}";

    public static IReadOnlyList<string> Lines(Comparison.Comparison comparison)
    {
        var lines = new List<string> { Verdict(comparison) };
        if (comparison.StructuralProblem is not null)
            lines.Add($"  cannot compare: {comparison.StructuralProblem}");

        if (comparison.FirstMismatch is { } first)
        {
            lines.Add($"  first mismatch: step {first.Step}, {first.Phase.Name()}, {first.Name}  -> suspect: {comparison.Suspect}");
            foreach (var failure in comparison.FailuresAtFirstFailingStep.Take(6))
                lines.AddRange(TensorLines(failure));
            int more = comparison.FailuresAtFirstFailingStep.Count - 6;
            if (more > 0) lines.Add($"  ... and {more} more failing tensors at step {first.Step}");
            lines.Add($"  {comparison.TensorsFailed} of {comparison.TensorsCompared} tensor comparisons failed over {comparison.StepsCompared} steps " +
                      $"(tolerance rtol {Number(comparison.Tolerance.RelativeTolerance)}, atol {Number(comparison.Tolerance.AbsoluteTolerance)})");
        }
        else if (comparison.Passed)
        {
            var closest = comparison.Tensors.OrderByDescending(t => t.WorstLimitUsed).FirstOrDefault();
            if (closest is not null)
                lines.Add($"  closest to its limit: {closest.Name} used {Percent(closest.WorstLimitUsed)} of the tolerance; max {Ulp(comparison.MaxUlps)} ulps");
        }
        return lines;
    }

    public static IEnumerable<string> TensorLines(TensorComparison t)
    {
        if (t.Problem is not null)
        {
            yield return $"  {t.Name}  {t.ShapeText}  {t.Problem}";
            yield break;
        }
        double share = t.ElementCount == 0 ? 0 : (double)t.MismatchedCount / t.ElementCount;
        yield return $"  {t.Name}  {t.ShapeText}  mismatched {t.MismatchedCount}/{t.ElementCount} ({Percent(share)})  " +
                     $"max|d| {Number(t.MaxAbsoluteDifference)} at {t.MaxAbsoluteIndex}  max rel {Number(t.MaxRelativeDifference)} at {t.MaxRelativeIndex}  " +
                     $"ulps {Ulp(t.MaxUlps)}";
        foreach (var element in t.WorstElements.Take(3))
            yield return $"      at {element.Index}: expected {Number(element.Expected)}  actual {Number(element.Actual)}  |d| {Number(element.AbsoluteDifference)}";
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value == 0 ? "0"
        : Math.Abs(value) is >= 1e-3 and < 1e4 ? value.ToString("0.######", CultureInfo.InvariantCulture)
        : value.ToString("0.###e+00", CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        double.IsPositiveInfinity(share) ? "inf%" : (share * 100).ToString(share < 0.01 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%";

    public static string Ulp(long ulps) => ulps == long.MaxValue ? "n/a" : ulps < 100_000 ? ulps.ToString(CultureInfo.InvariantCulture) : ((double)ulps).ToString("0.#e+00", CultureInfo.InvariantCulture);
}
