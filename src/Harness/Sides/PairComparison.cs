using BackpropParity.Harness.Audit;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// One pair of sides being compared, step by step, two ways (see <see cref="PairResult"/>): the candidate re-synchronised
/// to the reference's parameters before each step the reference knows the start of, and the candidate free-running.
/// Fed by <see cref="ComparisonLoop"/>; holds no model of its own except the candidate's re-synchronised copy.
/// </summary>
internal sealed class PairComparison : IDisposable
{
    private readonly Scenario _scenario;
    private readonly ComparisonBuilder _stepwise;
    private readonly ComparisonBuilder _trajectory;
    private readonly IResync? _resync;
    private readonly IReadOnlyList<SettingDifference>? _settings;
    private IReadOnlyList<OperationCheck>? _audit;
    private string? _noAudit;

    public PairComparison(Scenario scenario, SideRun reference, SideRun candidate)
    {
        _scenario = scenario;
        Reference = reference;
        Candidate = candidate;
        var spec = scenario.Spec;
        _stepwise = new ComparisonBuilder(spec, reference.Name, $"{candidate.Name} (re-synced each step)") { ExplainKinks = true };
        _trajectory = new ComparisonBuilder(spec, reference.Name, candidate.Name);
        foreach (var run in new[] { reference, candidate }.Where(r => r.Steps != spec.Steps))
            _stepwise.StructuralProblem = _trajectory.StructuralProblem = $"the {run.Name} has {run.Steps} step{(run.Steps == 1 ? "" : "s")}, the scenario {spec.Steps}";
        _resync = candidate.Resync();
        if (reference.Settings is { } expected && candidate.Settings is { } actual)
            _settings = SettingsCheck.Differences(reference.Name, expected, candidate.Name, actual);
    }

    public SideRun Reference { get; }
    public SideRun Candidate { get; }
    public string Name => $"{Candidate.Name} vs {Reference.Name}";

    /// <summary>The exception that stopped this pair (a side that threw), if one did; the other pairs go on.</summary>
    public ScenarioError? Error { get; private set; }

    /// <summary>Compares step <paramref name="step"/> of the two sides, given each side's free-running step (absent past its end).</summary>
    public void Add(int step, TraceStep? reference, TraceStep? candidate)
    {
        if (Error is not null || reference is null || candidate is null) return;
        _trajectory.Add(reference, candidate);
        if (Reference.StartOfLastStep is not { } start || _resync is null) return;
        TraceStep? replayed;
        try
        {
            replayed = _resync.From(step, start);
        }
        catch (Exception exception)
        {
            Error = ScenarioError.From(Candidate.Name, step, exception);
            return;
        }
        if (replayed is null) return;
        _stepwise.Add(reference, replayed);
        AuditIfFirstFailure(step, reference, start);
    }

    /// <summary>Stops the pair with the error of the side that failed.</summary>
    public void Stop(ScenarioError error) => Error ??= error;

    public PairResult Build() => new(Name, _stepwise.Build(), _trajectory.Build(), _audit, _settings) { NoAuditReason = _noAudit };

    public void Dispose() => _resync?.Dispose();

    // At the first failing step, every operation of the candidate run alone on the reference's inputs, if it can.
    private void AuditIfFirstFailure(int step, TraceStep reference, IReadOnlyList<NamedTensor> start)
    {
        if (_audit is not null || _noAudit is not null || !_stepwise.HasFailures || _scenario.Spec.IsExpression || !reference.IsComplete) return;
        if (Candidate.Auditor is not { } auditor)
        {
            _noAudit = $"{Candidate.Name} cannot run one operation alone, so its operations were not audited one by one";
            return;
        }
        try
        {
            _audit = auditor.Audit(_scenario, reference, start);
        }
        catch (Exception exception)
        {
            Error = ScenarioError.From(Candidate.Name, step, exception);
        }
    }
}
