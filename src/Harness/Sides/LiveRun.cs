using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// A side that runs here, in this process (TorchSharp, the manual implementation, a user's <see cref="IImplementation"/>):
/// one session trains free from the scenario's initial parameters; each re-synchronised copy is a session of its own,
/// loaded with the reference's parameters before every step it replays.
/// </summary>
public sealed class LiveRun : SideRun
{
    private readonly Func<ISession> _start;
    private readonly ISession _free;
    private readonly int _steps;
    private IReadOnlyList<NamedTensor> _startOfNext;

    public LiveRun(string name, Scenario scenario, Func<ISession> start, IOperationAudit? auditor = null) : base(name)
    {
        _start = start;
        _free = start();
        _steps = scenario.Spec.Steps;
        _startOfNext = scenario.InitialParameters;
        Auditor = auditor;
    }

    public override int Steps => _steps;

    public override IReadOnlyList<NamedTensor>? StartOfLastStep => _startOfLast;

    private IReadOnlyList<NamedTensor>? _startOfLast;

    public override TraceStep Next(int step)
    {
        _startOfLast = _startOfNext;
        TraceStep computed = _free.Step(step);
        _startOfNext = computed.ParametersAfter();
        return computed;
    }

    public override IResync Resync() => new Session(_start());

    public override IReadOnlyDictionary<string, string>? Settings => _free.Settings;

    public override IOperationAudit? Auditor { get; }

    public override void Dispose()
    {
        _free.Dispose();
        base.Dispose();
    }

    private sealed class Session(ISession session) : IResync
    {
        public TraceStep From(int step, IReadOnlyList<NamedTensor> start)
        {
            session.LoadParameters(start);
            return session.Step(step);
        }

        public void Dispose() => session.Dispose();
    }
}
