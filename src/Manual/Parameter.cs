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

    private readonly Matrix<T> _grad;
    private bool _gradIsZero = true;   // zero_grad since the last backward: _grad's memory is stale, its value is zero

    /// <summary>dL/d(value), same layout as <see cref="Value"/>.</summary>
    public Matrix<T> Grad
    {
        get
        {
            if (_gradIsZero)
            {
                _grad.Clear();
                _gradIsZero = false;
            }
            return _grad;
        }
    }

    public Parameter(string name, int[] shape, Matrix<T> value)
    {
        int elements = shape.Aggregate(1, (product, size) => product * size);
        if (elements != value.Length)
            throw new ArgumentException($"Parameter {name}: shape [{string.Join(", ", shape)}] does not match a {value} of {value.Length} values.");
        Name = name;
        Shape = shape;
        Value = value;
        _grad = new Matrix<T>(value.Rows, value.Cols);
    }

    /// <summary>
    /// Sets the gradient to zero without touching its memory, like PyTorch's <c>zero_grad(set_to_none=True)</c>: the
    /// next backward writes its gradient instead of adding it to zeros (for a large layer that saves a pass over the
    /// gradient), and reading <see cref="Grad"/> before that gives zeros.
    /// </summary>
    public void ZeroGrad() => _gradIsZero = true;

    /// <summary>
    /// For the kernels that add a backward pass's share into the gradient: the gradient, and whether it is zero — then
    /// the share is written rather than added. Either way the gradient holds a value afterwards.
    /// </summary>
    internal Matrix<T> GradForBackward(out bool isZero)
    {
        isZero = _gradIsZero;
        _gradIsZero = false;
        return _grad;
    }

    /// <summary>Overwrites the values (for example with a scenario's initial parameters).</summary>
    public void Load(ReadOnlySpan<double> values)
    {
        if (values.Length != Value.Length)
            throw new ArgumentException($"Parameter {Name} holds {Value.Length} values, got {values.Length}.");
        for (int i = 0; i < values.Length; i++) Value.Data[i] = T.CreateChecked(values[i]);
    }
}
