using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// A manual model loaded with a scenario, stepped one training step at a time. Between steps its parameters
/// can be overwritten, which is how a run is re-synchronised to the reference's trajectory.
/// </summary>
public interface IManualSession
{
    /// <summary>Overwrites parameter values by name; every model parameter must be given, with its shape.</summary>
    void LoadParameters(IReadOnlyList<NamedTensor> parameters);

    /// <summary>Runs one training step and records it.</summary>
    TraceStep Step(int step);
}
