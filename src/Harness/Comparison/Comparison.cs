using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// The outcome of comparing two traces of one scenario: everything a report needs, nothing it has to compute.
/// </summary>
public sealed record Comparison(
    ScenarioSpec Spec,
    string ExpectedSide,
    string ActualSide,
    ToleranceSpec Tolerance,
    int StepsCompared,
    int TensorsCompared,
    int TensorsFailed,
    TensorComparison? FirstMismatch,
    Suspect? Suspect,
    IReadOnlyList<TensorComparison> FailuresAtFirstFailingStep,
    IReadOnlyList<TensorSummary> Tensors,
    IReadOnlyList<double> ExpectedLosses,
    IReadOnlyList<double> ActualLosses,
    IReadOnlyList<StepError> StepErrors,
    string? StructuralProblem,
    IReadOnlyList<KinkExplanation>? Kinks = null)
{
    /// <summary>The steps excused as rounding at a ReLU kink (see <see cref="KinkCheck"/>), in step order.</summary>
    public IReadOnlyList<KinkExplanation> KinkSteps => Kinks ?? [];

    /// <summary>Layer outputs and gradients at them the actual side does not capture (a user's side may give none): not compared, and said so.</summary>
    public IReadOnlyList<string> NotCaptured { get; init; } = [];

    public bool Passed => TensorsFailed == 0 && StructuralProblem is null;

    public string Pair => $"{ActualSide} vs {ExpectedSide}";

    /// <summary>The largest share of the tolerance any element used (≤ 1 when passing).</summary>
    public double WorstLimitUsed => Tensors.Count == 0 ? 0 : Tensors.Max(t => t.WorstLimitUsed);

    public long MaxUlps => Tensors.Count == 0 ? 0 : Tensors.Max(t => t.MaxUlps);
}
