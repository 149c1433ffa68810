namespace BackpropParity.Harness.Scenarios;

/// <summary>The floating-point type a run computes in, named as torch names it.</summary>
public enum DType
{
    Float32,
    Float64,
}
