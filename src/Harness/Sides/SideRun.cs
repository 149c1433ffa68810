using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// One side's run of one scenario, as the comparison loop reads it: its free-running steps in order, the parameters
/// each step started from (when it knows them: a reference re-synchronises candidates to them), and copies of itself
/// that replay one step from given parameters. A live model (TorchSharp, an <see cref="IImplementation"/>) and a
/// recorded run (a stored fixture, what an external program wrote) are both side runs.
/// </summary>
public abstract class SideRun(string name) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>How many steps this run has (a stored fixture may hold another number than the scenario asks for).</summary>
    public abstract int Steps { get; }

    /// <summary>Free-running step <paramref name="step"/>; steps are asked for in order from 0.</summary>
    public abstract TraceStep Next(int step);

    /// <summary>The parameters the step <see cref="Next"/> last returned started from, or null when this run does not know them.</summary>
    public abstract IReadOnlyList<NamedTensor>? StartOfLastStep { get; }

    /// <summary>A copy of this side for one pair that replays single steps from given parameters, or null if it cannot.</summary>
    public abstract IResync? Resync();

    /// <summary>The settings the side uses (see <see cref="Runners.ISession.Settings"/>), or null when it does not say.</summary>
    public virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>The side's per-operation audit, or null when it cannot run one operation alone.</summary>
    public virtual IOperationAudit? Auditor => null;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>A side re-synchronised before each step: step k from the given parameters, or null when it cannot replay step k.</summary>
public interface IResync : IDisposable
{
    TraceStep? From(int step, IReadOnlyList<NamedTensor> start);
}
