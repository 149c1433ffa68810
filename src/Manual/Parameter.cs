using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual;

/// <summary>
/// A named, trainable tensor with its gradient, named and shaped as PyTorch names and shapes it
/// (<c>fc1.weight</c> is [out, in], <c>fc1.bias</c> is [out]). Gradients accumulate until <see cref="ZeroGrad"/>.
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name { get; }

    /// <summary>The shape PyTorch reports: [out, in] for a weight, [out] for a bias.</summary>
    public int[] Shape { get; }

    /// <summary>The values, stored as a matrix: a bias [out] is a [1, out] row.</summary>
    public Matrix<T> Value { get; }

    /// <summary>dL/d(value), same layout as <see cref="Value"/>.</summary>
    public Matrix<T> Grad { get; }

    public Parameter(string name, int[] shape, Matrix<T> value)
    {
        int elements = shape.Aggregate(1, (product, size) => product * size);
        if (elements != value.Length)
            throw new ArgumentException($"Parameter {name}: shape [{string.Join(", ", shape)}] does not match a {value} of {value.Length} values.");
        Name = name;
        Shape = shape;
        Value = value;
        Grad = new Matrix<T>(value.Rows, value.Cols);
    }

    public void ZeroGrad() => Grad.Clear();

    /// <summary>Overwrites the values (for example with a scenario's initial parameters).</summary>
    public void Load(ReadOnlySpan<double> values)
    {
        if (values.Length != Value.Length)
            throw new ArgumentException($"Parameter {Name} holds {Value.Length} values, got {values.Length}.");
        for (int i = 0; i < values.Length; i++) Value.Data[i] = T.CreateChecked(values[i]);
    }
}
