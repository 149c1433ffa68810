namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// A named tensor as plain data: a shape (PyTorch's: [] for a scalar, [out] for a bias) and row-major values.
/// Values are stored as double whatever the run's dtype; float32 values widen to double exactly.
/// </summary>
public sealed record NamedTensor(string Name, int[] Shape, double[] Values)
{
    public static int ElementCount(int[] shape) => shape.Aggregate(1, (product, size) => checked(product * size));

    public static NamedTensor Create(string name, int[] shape, double[] values)
    {
        if (ElementCount(shape) != values.Length)
            throw new ArgumentException($"Tensor {name}: shape [{string.Join(", ", shape)}] needs {ElementCount(shape)} values, got {values.Length}.");
        return new NamedTensor(name, shape, values);
    }

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>The values as a run in <paramref name="dtype"/> holds them: rounded to nearest for float32 (exact back in double).</summary>
    public NamedTensor RoundedTo(DType dtype) =>
        dtype == DType.Float32 ? this with { Values = Values.Select(v => (double)(float)v).ToArray() } : this;

    /// <summary>A 2-D tensor [rows, cols] as its transpose [cols, rows], row-major: <c>X @ W</c>'s [in, out] weight as PyTorch's [out, in].</summary>
    public NamedTensor Transposed()
    {
        if (Shape.Length != 2) throw new InvalidOperationException($"Tensor {Name}: only a 2-D tensor has a transpose, not {ShapeText}.");
        int rows = Shape[0], cols = Shape[1];
        var transposed = new double[Values.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                transposed[c * rows + r] = Values[r * cols + c];
        return new NamedTensor(Name, [cols, rows], transposed);
    }

    /// <summary>The multi-index of a flat row-major position, as text: "[13, 5]".</summary>
    public string IndexText(int flatIndex) => FormatIndex(Shape, flatIndex);

    public static string FormatIndex(int[] shape, int flatIndex)
    {
        if (shape.Length == 0) return "[]";
        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flatIndex % shape[axis];
            flatIndex /= shape[axis];
        }
        return $"[{string.Join(", ", index)}]";
    }
}
