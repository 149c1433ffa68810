namespace BackpropParity.Harness.Tracing;

/// <summary>
/// What one side recorded in one training step, in phase order. A stored reference records every tensor only
/// at some steps and the loss alone at the others; <see cref="IsComplete"/> says which kind this is, and a
/// comparison against a loss-only step compares the loss alone.
/// </summary>
public sealed record TraceStep(int Step, IReadOnlyList<TraceTensor> Tensors, bool IsComplete = true)
{
    /// <summary>The parameters after this step's update (its <c>param/&lt;name&gt;</c> tensors, named <c>&lt;name&gt;</c>): the next step's start.</summary>
    public IReadOnlyList<Scenarios.NamedTensor> ParametersAfter() =>
        Tensors.Where(t => t.Phase == Phase.Update)
            .Select(t => t.Tensor with { Name = t.Name["param/".Length..] })
            .ToList();
}
