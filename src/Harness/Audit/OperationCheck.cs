using BackpropParity.Harness.Comparison;

namespace BackpropParity.Harness.Audit;

/// <summary>One operation of the manual side, run on the reference's own inputs, and how its output compares.</summary>
public sealed record OperationCheck(Suspect Operation, TensorComparison Result)
{
    public bool Passed => Result.Passed;
}
