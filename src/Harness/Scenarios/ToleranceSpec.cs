namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// A closeness rule: actual a and expected e agree when |a − e| ≤ atol + rtol·|e| (torch.testing.assert_close).
/// A scenario that overrides the default must say why, next to the numbers.
/// </summary>
public sealed record ToleranceSpec(double RelativeTolerance, double AbsoluteTolerance, string Reason)
{
    /// <summary>torch.testing.assert_close's defaults for the dtype.</summary>
    public static ToleranceSpec DefaultFor(DType dtype) => dtype switch
    {
        DType.Float64 => new(1e-7, 1e-7, "torch.testing.assert_close default for float64"),
        DType.Float32 => new(1.3e-6, 1e-5, "torch.testing.assert_close default for float32"),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public double Limit(double expected) => AbsoluteTolerance + RelativeTolerance * Math.Abs(expected);
}
