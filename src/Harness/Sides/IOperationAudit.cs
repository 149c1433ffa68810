using BackpropParity.Harness.Audit;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// An implementation that can run each operation of a step alone (one layer's forward, one layer's backward, the loss,
/// the optimizer) on inputs the suite gives it. At the first failing step the suite then feeds every operation the
/// reference's own inputs, so each is judged on its own (see <see cref="LayerAudit"/>). Optional: a side without it is
/// located from its captured tensors alone, and the report says the audit was not available.
/// </summary>
public interface IOperationAudit
{
    IReadOnlyList<OperationCheck> Audit(Scenario scenario, TraceStep reference, IReadOnlyList<NamedTensor> startParameters);
}
