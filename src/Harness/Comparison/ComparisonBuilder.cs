using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Compares step pairs as they arrive, keeping only summaries, the first failing step's failures and the losses,
/// so a long run is compared in constant memory per step. Pure: numbers in, a <see cref="Comparison"/> out.
/// </summary>
public sealed class ComparisonBuilder(ScenarioSpec spec, string expectedSide, string actualSide, ToleranceSpec? tolerance = null)
{
    private readonly ToleranceSpec _tolerance = tolerance ?? spec.EffectiveTolerance;
    private readonly Dictionary<string, SummaryBuilder> _summaries = [];
    private readonly List<string> _order = [];
    private readonly List<double> _expectedLosses = [];
    private readonly List<double> _actualLosses = [];
    private readonly List<StepError> _stepErrors = [];
    private List<TensorComparison> _firstFailingStep = [];
    private readonly List<KinkExplanation> _kinks = [];
    private int _steps, _tensors, _failed;
    private string? _structuralProblem;

    /// <summary>True once any compared tensor has failed.</summary>
    public bool HasFailures => _failed > 0;

    private static readonly Phase[] OptionalPhases = [Phase.Forward, Phase.Backward];

    /// <summary>
    /// Whether a failing step that is only rounding at a ReLU kink (<see cref="KinkCheck"/>) is excused: its
    /// disagreeing tensors are not counted and the explanation is kept instead. For steps from the same parameters
    /// (re-synchronised); a free run that crosses a kink parts, which the trajectory reports.
    /// </summary>
    public bool ExplainKinks { get; init; }

    public string? StructuralProblem
    {
        get => _structuralProblem;
        set => _structuralProblem ??= value;
    }

    /// <summary>
    /// The layer outputs and gradients at them (optional tensors) the actual side does not capture, decided at the first
    /// step both record in full: they are left out of the comparison and named in it, not failed.
    /// </summary>
    public IReadOnlyList<string> NotCaptured => _notCaptured ?? [];

    private List<string>? _notCaptured;

    // Tensors are compared in the expected side's recorded order (the order the step computed them), by name;
    // a tensor only one side recorded is a failure too, except where a side recorded the step only in part (a stored
    // step holding the loss alone) or never captures that phase.
    public void Add(TraceStep expected, TraceStep actual)
    {
        var actualByName = new Dictionary<string, TraceTensor>(actual.Tensors.Count);
        foreach (var tensor in actual.Tensors) actualByName[tensor.Name] = tensor;
        if (_notCaptured is null && actual.IsComplete && expected.IsComplete)
            _notCaptured = [.. expected.Tensors.Where(e => OptionalPhases.Contains(e.Phase) && !actualByName.ContainsKey(e.Name)).Select(e => e.Name)];
        var compared = expected.Tensors.Where(e => (actual.IsComplete || actualByName.ContainsKey(e.Name)) && !NotCaptured.Contains(e.Name)).ToList();

        var failures = new List<TensorComparison>();
        var worst = new StepError(expected.Step, 0, 0, "");
        var results = compared.Select(e => actualByName.TryGetValue(e.Name, out var a)
            ? TensorComparer.Compare(expected.Step, e.Phase, e.Tensor, a.Tensor, _tolerance, spec.DType, spec.NonFiniteExpected is not null)
            : TensorComparison.Structural(expected.Step, e.Phase, e.Name, e.Tensor.Shape, $"{actualSide} did not record {e.Name}")).ToList();
        var kink = ExplainKinks && results.Any(r => !r.Passed)
            ? KinkCheck.Explain(spec, expected, actual, _tolerance, spec.NonFiniteExpected is not null)
            : null;
        if (kink is not null) _kinks.Add(kink);
        for (int i = 0; i < results.Count; i++)
        {
            var e = compared[i];
            var result = results[i];
            actualByName.Remove(e.Name, out var a);
            if (e.Phase == Phase.Loss)
            {
                _expectedLosses.Add(e.Tensor.Values[0]);
                _actualLosses.Add(a?.Tensor.Values[0] ?? double.NaN);
            }
            if (kink is not null && !result.Passed) continue;   // explained by the kink: neither a failure nor a margin
            Record(result, failures);
            if (result.LimitUsed > worst.LimitUsed || worst.WorstTensor == "")
                worst = new StepError(expected.Step, result.LimitUsed, result.Distance?.Absolute.Value ?? double.PositiveInfinity, result.Name);
        }
        // Tensors only the actual side recorded: a failure, unless the expected side recorded this step only in part.
        foreach (var extra in actual.Tensors.Where(t => expected.IsComplete && actualByName.ContainsKey(t.Name)))
            Record(TensorComparison.Structural(actual.Step, extra.Phase, extra.Name, extra.Tensor.Shape, $"{expectedSide} did not record {extra.Name}"), failures);

        if (_firstFailingStep.Count == 0 && failures.Count > 0) _firstFailingStep = failures;
        _stepErrors.Add(worst);
        _steps++;
    }

    private void Record(TensorComparison result, List<TensorComparison> failures)
    {
        _tensors++;
        if (!_summaries.TryGetValue(result.Name, out var summary))
        {
            _summaries[result.Name] = summary = new SummaryBuilder(result.Name);
            _order.Add(result.Name);
        }
        summary.Add(result);
        if (result.Passed) return;
        _failed++;
        failures.Add(result);
    }

    public Comparison Build()
    {
        TensorComparison? first = _firstFailingStep.FirstOrDefault();
        return new Comparison(spec, expectedSide, actualSide, _tolerance, _steps, _tensors, _failed, first,
            first is null ? null : Localizer.Locate(spec, first), _firstFailingStep,
            _order.Select(name => _summaries[name].Build()).ToList(), _expectedLosses, _actualLosses, _stepErrors, _structuralProblem, _kinks)
        {
            NotCaptured = NotCaptured,
        };
    }

    private sealed class SummaryBuilder(string name)
    {
        private int _steps, _failed;
        private int? _firstFailed;
        private double _worstLimitUsed, _maxAbsolute, _maxMagnitude;
        private long _maxUlps;

        public void Add(TensorComparison result)
        {
            _steps++;
            if (!result.Passed)
            {
                _failed++;
                _firstFailed ??= result.Step;
            }
            _worstLimitUsed = Math.Max(_worstLimitUsed, result.LimitUsed);
            if (result.Distance is not { } distance) return;   // nothing was measured
            _maxUlps = Math.Max(_maxUlps, distance.MaxUlps);
            _maxAbsolute = Math.Max(_maxAbsolute, distance.Absolute.Value);
            _maxMagnitude = Math.Max(_maxMagnitude, distance.MaxExpectedMagnitude);
        }

        public TensorSummary Build() => new(name, _steps, _failed, _firstFailed, _worstLimitUsed, _maxUlps, _maxAbsolute, _maxMagnitude);
    }
}
