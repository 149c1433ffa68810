namespace BackpropParity.Harness.Tracing;

/// <summary>Everything one side recorded in one training step, in phase order.</summary>
public sealed record TraceStep(int Step, IReadOnlyList<TraceTensor> Tensors)
{
    public double Loss => Tensors.First(t => t.Phase == Phase.Loss).Tensor.Values[0];
}
