using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// One side's model, loss and optimizer loaded with a scenario, stepped one training step at a time. Between
/// steps its parameters can be overwritten: that is how a side is re-synchronised to a reference's trajectory,
/// so each step is checked on its own. (Exact for SGD, which keeps no state between steps.)
/// </summary>
public interface ISession : IDisposable
{
    /// <summary>Overwrites parameter values by name; every model parameter must be given, with its shape.</summary>
    void LoadParameters(IReadOnlyList<NamedTensor> parameters);

    /// <summary>Runs one training step and records it.</summary>
    TraceStep Step(int step);

    /// <summary>
    /// The hyper-parameters and conventions this side actually uses, read from the objects it built (the
    /// optimizer's own settings, the loss's reduction), as text, so two sides can be checked before any number; null when the side does not say.
    /// </summary>
    IReadOnlyDictionary<string, string>? Settings { get; }
}
