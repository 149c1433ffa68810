namespace BackpropParity.Harness.Scenarios;

public static class DTypeNames
{
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static DType Parse(string name) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        _ => throw new FormatException($"Unknown dtype '{name}'; expected float32 or float64."),
    };
}
