using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackpropParity.Harness.Audit;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// report.json: the same results as data, in the schema documented in docs/report-schema.md (version 1).
/// Field names are snake_case; NaN and infinities are written as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(IReadOnlyList<ScenarioResult> results) => JsonSerializer.Serialize(new ReportDocument(
        "backprop-parity-report", SchemaVersion, results.All(r => r.Passed),
        results.Select(r => new ScenarioDocument(r.Spec.Id, r.Spec.DType.Name(), r.Passed, r.FixtureProblems, r.FixtureOutvoted,
            r.Error is { } e ? new ErrorDocument(e.Side, e.Step, e.ExceptionType, e.FirstLine) : null,
            r.Pairs.Select(Pair).ToList())).ToList()), Options);

    private static PairDocument Pair(PairResult pair) => new(pair.Name, pair.Passed, pair.TrajectoryDrifted,
        pair.TrajectoryJump is { } jump ? new JumpDocument(jump.Step, jump.Share, jump.ShareBefore) : null,
        (pair.SettingsDifferences ?? []).Select(SuspectText.Describe).ToList(), Comparison(pair.Stepwise), Comparison(pair.Trajectory),
        pair.Audit?.Select(check => Operation(check, pair.Stepwise.Spec)).ToList(), pair.Skipped, pair.NoAuditReason);

    private static ComparisonDocument Comparison(Comparison.Comparison c) => new(
        c.ExpectedSide, c.ActualSide, c.Passed, c.StepsCompared, c.TensorsCompared, c.TensorsFailed,
        new ToleranceDocument(c.Tolerance.RelativeTolerance, c.Tolerance.AbsoluteTolerance, c.Tolerance.Reason),
        c.StructuralProblem, c.FirstMismatch is null ? null : Tensor(c.FirstMismatch), c.Suspect is null ? null : SuspectText.Describe(c.Suspect, c.Spec),
        c.FailuresAtFirstFailingStep.Select(Tensor).ToList(),
        c.Tensors.Select(t => new TensorSummaryDocument(t.Name, t.StepsCompared, t.StepsFailed, t.FirstFailedStep, t.WorstLimitUsed, t.MaxUlps, t.MaxAbsoluteDifference)).ToList(),
        c.StepErrors.Select(e => e.Step).ToList(), c.StepErrors.Select(e => e.LimitUsed).ToList(), c.NotCaptured);

    private static TensorDocument Tensor(TensorComparison t) => new(t.Step, t.Phase.ToString().ToLowerInvariant(), t.Name, t.Shape, t.ElementCount,
        t.MismatchedCount, t.Distance?.Absolute.Value, t.Distance?.Absolute.Index, t.Distance?.Relative.Value, t.Distance?.Relative.Index,
        t.Distance is { MaxUlps: < long.MaxValue } d ? d.MaxUlps : null, t.Distance?.LimitUsed, t.Distance?.Cosine,
        t.WorstElements.Select(e => new ElementDocument(e.Index, e.Expected, e.Actual, e.AbsoluteDifference, e.Ulps == long.MaxValue ? null : e.Ulps)).ToList(),
        t.Problem);

    private static OperationDocument Operation(OperationCheck check, ScenarioSpec spec) =>
        new(SuspectText.Describe(check.Operation, spec), check.Passed, check.Result.Distance?.Absolute.Value, check.Result.Distance?.LimitUsed, check.Result.Distance?.Cosine);

    private sealed record ReportDocument(string Schema, int Version, bool Passed, IReadOnlyList<ScenarioDocument> Scenarios);
    private sealed record ScenarioDocument(string Id, string Dtype, bool Passed, IReadOnlyList<string> FixtureProblems, bool FixtureOutvoted, ErrorDocument? Error,
        IReadOnlyList<PairDocument> Pairs);
    private sealed record ErrorDocument(string Side, int? Step, string Exception, string Message);
    private sealed record JumpDocument(int Step, double Share, double ShareBefore);
    private sealed record PairDocument(string Name, bool Passed, bool TrajectoryDrifted, JumpDocument? TrajectoryJump, IReadOnlyList<string> SettingsDifferences,
        ComparisonDocument Stepwise, ComparisonDocument Trajectory, IReadOnlyList<OperationDocument>? Audit, string? Skipped, string? NoAudit);
    private sealed record ComparisonDocument(string ExpectedSide, string ActualSide, bool Passed, int StepsCompared, int TensorsCompared, int TensorsFailed,
        ToleranceDocument Tolerance, string? StructuralProblem, TensorDocument? FirstMismatch, string? Suspect,
        IReadOnlyList<TensorDocument> FailuresAtFirstFailingStep, IReadOnlyList<TensorSummaryDocument> Tensors,
        IReadOnlyList<int> Steps, IReadOnlyList<double> StepLimitUsed, IReadOnlyList<string> NotCaptured);
    private sealed record ToleranceDocument(double Rtol, double Atol, string Reason);
    private sealed record TensorDocument(int Step, string Phase, string Name, int[] Shape, int Elements, int Mismatched,
        double? MaxAbsDifference, string? MaxAbsIndex, double? MaxRelDifference, string? MaxRelIndex, long? MaxUlps, double? LimitUsed,
        double? CosineSimilarity, IReadOnlyList<ElementDocument> Worst, string? Problem);
    private sealed record ElementDocument(string Index, double Expected, double Actual, double AbsDifference, long? Ulps);
    private sealed record TensorSummaryDocument(string Name, int StepsCompared, int StepsFailed, int? FirstFailedStep, double WorstLimitUsed, long MaxUlps, double MaxAbsDifference);
    private sealed record OperationDocument(string Operation, bool Passed, double? MaxAbsDifference, double? LimitUsed, double? CosineSimilarity);
}
