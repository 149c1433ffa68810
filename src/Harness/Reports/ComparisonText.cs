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
    /// <summary>
    /// The whole story of a scenario, short enough for one screen: fixture problems, then the first failing or
    /// drifting pair in full, and any further failing pair by its first mismatch and audit only.
    /// </summary>
    public static IReadOnlyList<string> Lines(ScenarioResult result) => TonedLines(result).Select(line => line.Text).ToList();

    /// <summary><see cref="Lines(ScenarioResult)"/> with each line's tone: where the run failed reads <see cref="Tone.Bad"/>.</summary>
    public static IReadOnlyList<Cell> TonedLines(ScenarioResult result)
    {
        var lines = new List<Cell>();
        if (result.Error is { } error)
            lines.Add(new($"{result.Spec.Id}  error: {Error(error)}", Tone.Bad));
        foreach (string problem in result.FixtureProblems)
            lines.Add(new($"{result.Spec.Id}  fixture: {problem}", Tone.Bad));
        if (result.FixtureOutvoted)
            lines.Add(new($"{result.Spec.Id}  fixture: manual and torch agree with each other at every step, and both disagree with the fixture: " +
                      "the stored values below are wrong (edited, damaged, or recorded by another reference), not the code; " +
                      $"check it with `check-fixtures`, regenerate it with `{Fixtures.FixtureStore.RegenerateCommand(result.Spec.Id)}`", Tone.Bad));
        bool first = true;
        foreach (var pair in result.Pairs.Where(p => !p.Passed || p.TrajectoryDrifted || p.Stepwise.KinkSteps.Count > 0))
        {
            lines.AddRange(TonedLines(pair, detailed: first || pair.Passed));
            first = false;
        }
        return lines;
    }

    /// <summary>"the torch side threw ExternalException at step 12: Unknown scalar type."; an external side's failure is its own line.</summary>
    public static string Error(ScenarioError error) => error.ExceptionType == ScenarioError.SideFailed ? error.FirstLine :
        $"the {error.Side} side threw {error.ExceptionType}{(error.Step is { } step ? $" at step {step}" : "")}: {error.FirstLine}";

    /// <summary>The table cell for a scenario stopped by an exception.</summary>
    public static string ErrorSummary(ScenarioError error) =>
        $"stopped{(error.Step is { } step ? $" at step {step}" : "")}: {error.ExceptionType}";

    /// <summary>A pair: settings that differ (said first), the per-step verdict and where it first fails, the
    /// operations that fail on the reference's own inputs, the failing tensors, then the free-running trajectory.</summary>
    public static IReadOnlyList<string> Lines(PairResult pair, bool detailed = true) => TonedLines(pair, detailed).Select(line => line.Text).ToList();

    private static IReadOnlyList<Cell> TonedLines(PairResult pair, bool detailed)
    {
        var lines = new List<Cell>();
        if (pair.SettingsDifferences is { Count: > 0 } settings)
        {
            lines.Add($"{pair.Stepwise.Spec.Id}  {pair.Name}: the two sides are not set up alike; fix this before reading any number:");
            lines.AddRange(settings.Select(s => new Cell($"  setting {SuspectText.Describe(s)}", Tone.Bad)));
        }
        var stepwise = pair.Stepwise;
        lines.Add(Verdict(stepwise));
        if (stepwise.StructuralProblem is not null)
            lines.Add($"  cannot compare: {stepwise.StructuralProblem}");
        if (stepwise.NotCaptured.Count > 0)
            lines.Add($"  not captured by {pair.Trajectory.ActualSide}, so not compared: {string.Join(", ", stepwise.NotCaptured)}");
        if (stepwise.FirstMismatch is { } mismatch)
        {
            lines.Add(new($"  first mismatch: step {mismatch.Step}, {mismatch.Phase.Name()}, {mismatch.Name}  -> suspect: {(stepwise.Suspect is { } suspect ? SuspectText.Describe(suspect, stepwise.Spec) : "none named")}", Tone.Bad));
            if (pair.Audit is { } audit)
            {
                var failing = audit.Where(c => !c.Passed).ToList();
                lines.Add(failing.Count == 0
                    ? "  each operation alone, on the reference's inputs: all agree (the failure comes from how they combine)"
                    : $"  each operation alone, on the reference's inputs: {failing.Count} of {audit.Count} disagree: " +
                      string.Join("; ", failing.Select(c => $"{SuspectText.Describe(c.Operation, stepwise.Spec)} (max|d| {Number(c.Result.Distance?.Absolute.Value ?? double.PositiveInfinity)}, cosine {Number(c.Result.Distance?.Cosine ?? double.NaN)})")));
            }
            else if (pair.NoAuditReason is { } noAudit)
            {
                lines.Add($"  no per-operation audit: {noAudit}");
            }
            if (detailed)
            {
                const int shown = 3;
                foreach (var failure in stepwise.FailuresAtFirstFailingStep.Take(shown))
                    lines.AddRange(TensorLines(failure).Select(line => new Cell(line)));
                int more = stepwise.FailuresAtFirstFailingStep.Count - shown;
                if (more > 0)
                    lines.Add($"  ... and {more} more failing tensors at step {mismatch.Step}: {string.Join(", ", stepwise.FailuresAtFirstFailingStep.Skip(shown).Select(f => f.Name))}");
            }
            lines.Add($"  {stepwise.TensorsFailed} of {stepwise.TensorsCompared} tensor comparisons failed over {stepwise.StepsCompared} steps " +
                      $"(tolerance rtol {Number(stepwise.Tolerance.RelativeTolerance)}, atol {Number(stepwise.Tolerance.AbsoluteTolerance)})");
        }
        else if (stepwise.Passed && stepwise.Tensors.OrderByDescending(t => t.WorstLimitUsed).FirstOrDefault() is { } closest)
        {
            lines.Add($"  closest to its limit: {closest.Name} used {Percent(closest.WorstLimitUsed)} of the tolerance; max {Ulp(stepwise.MaxUlps)} ulps");
        }

        if (stepwise.KinkSteps is { Count: > 0 } kinks)
        {
            var (step, flip) = (kinks[0].Step, kinks[0].Flips[0]);
            lines.Add($"  kink: at step {step} rounding put a value on the other side of the {flip.Kink} at {flip.Input} {flip.Index} " +
                      $"(input {Exact(flip.Expected, stepwise.Spec.DType)} on {stepwise.ExpectedSide}, {Exact(flip.Actual, stepwise.Spec.DType)} on {pair.Trajectory.ActualSide}); " +
                      $"the {kinks[0].ElementsExplained} elements beyond the tolerance there are all downstream of it: not a failure" +
                      (kinks.Count > 1 || kinks[0].Flips.Count > 1 ? $" ({kinks.Sum(k => k.Flips.Count)} such inputs in {kinks.Count} steps)" : ""));
        }

        var trajectory = pair.Trajectory;
        if (pair.TrajectoryJump is { } jump)
        {
            lines.Add($"  trajectory: at step {jump.Step} the free-running loss jumps to {Number(jump.Share)}× its tolerance from at most " +
                      $"{Percent(jump.ShareBefore)} of it in the {TrajectoryPlausibility.Window} steps before: not rounding, which grows over steps; " +
                      $"{(trajectory.ExpectedSide == Fixtures.Fixture.Side ? "the stored loss was edited or damaged, or " : "")}a bug that shows only between steps " +
                      $"(expected {Number(trajectory.ExpectedLosses[jump.Step])}, actual {Number(trajectory.ActualLosses[jump.Step])})");
        }
        else if (pair.TrajectoryDrifted && trajectory.FirstMismatch is { } parted)
        {
            lines.Add($"  trajectory: the free-running runs part at step {parted.Step} ({parted.Name}, {(parted.Distance is { } d ? $"max|d| {Number(d.Absolute.Value)}" : parted.Problem)}), " +
                      "but every re-synchronised step agrees: rounding amplified over steps, not a bug.");
            if (trajectory.ExpectedLosses.Count > 0)
                lines.Add($"  final loss: {trajectory.ExpectedSide} {Number(trajectory.ExpectedLosses[^1])}, {trajectory.ActualSide} {Number(trajectory.ActualLosses[^1])}");
        }
        else if (!stepwise.Passed)
        {
            lines.Add($"  trajectory: {TrajectorySummary(trajectory)}");
        }
        return lines;
    }

    /// <summary>The table cell for a pair's free run: a jump first, then where it parts, if it does.</summary>
    public static string TrajectorySummary(PairResult pair) =>
        pair.TrajectoryJump is { } jump ? $"loss jumps at step {jump.Step}" : TrajectorySummary(pair.Trajectory);

    public static string TrajectorySummary(Comparison.Comparison trajectory) =>
        trajectory.StructuralProblem is not null ? $"cannot compare: {trajectory.StructuralProblem}"
        : trajectory.FirstMismatch is { } first ? $"parts at step {first.Step} ({first.Name})"
        : "agrees at every step";

    public static string Verdict(Comparison.Comparison comparison) =>
        $"{comparison.Spec.Id}  {comparison.Pair}  {comparison.StepsCompared} steps  {(comparison.Passed ? "PASS" : "FAIL")}";

    public static IEnumerable<string> TensorLines(TensorComparison t)
    {
        if (t.Distance is not { } d)
        {
            yield return $"  {t.Name}  {t.ShapeText}  {t.Problem}";
            yield break;
        }
        double share = t.ElementCount == 0 ? 0 : (double)t.MismatchedCount / t.ElementCount;
        yield return $"  {t.Name}  {t.ShapeText}  mismatched {t.MismatchedCount}/{t.ElementCount} ({Percent(share)})  " +
                     $"max|d| {Number(d.Absolute.Value)} at {d.Absolute.Index}  max rel {Number(d.Relative.Value)} at {d.Relative.Index}  " +
                     $"ulps {Ulp(d.MaxUlps)}  cosine {Number(d.Cosine)}";
        foreach (var element in t.WorstElements.Take(2))
            yield return $"      at {element.Index}: expected {Number(element.Expected)}  actual {Number(element.Actual)}  |d| {Number(element.AbsoluteDifference)}";
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value == 0 ? "0"
        : Math.Abs(value) is >= 1e-3 and < 1e4 ? value.ToString("0.######", CultureInfo.InvariantCulture)
        : value.ToString("0.###e+00", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same value of the run's dtype ("0.99999994" in float32).</summary>
    public static string Exact(double value, Scenarios.DType dtype) => dtype == Scenarios.DType.Float32
        ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Two significant digits in scientific form ("1.3e-07"), or "0".</summary>
    public static string Scientific(double value) => value == 0 ? "0" : value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        double.IsPositiveInfinity(share) ? "inf%"
        : share >= 100 ? ((double)share).ToString("0.#e+0", CultureInfo.InvariantCulture) + "× limit" : (share * 100).ToString(share < 0.01 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%";

    public static string Ulp(long ulps) => ulps == long.MaxValue ? "n/a" : ulps < 100_000 ? ulps.ToString(CultureInfo.InvariantCulture) : ((double)ulps).ToString("0.#e+00", CultureInfo.InvariantCulture);
}
