using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Layers;

/// <summary>y = σ(x) = 1 / (1 + e^(−x)), element-wise.</summary>
public sealed class Sigmoid<T>(string name) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _output;     // [batch, n], the slope is computed from it
    private Matrix<T>? _gradInput;  // [batch, n]

    public string Name { get; } = name;
    public string Kind => "sigmoid";
    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Matrix<T> Forward(Matrix<T> input)
    {
        _output = MatrixKernels.Reuse(_output, input.Rows, input.Cols);
        MatrixKernels.Map(input, _output, new Logistic());
        return _output;
    }

    // dL/dx = g · σ'(x) = g · (1 − y) · y
    // multiplied in torch's order (sigmoid_backward: grad * (1 - y) * y), so both sides round alike.
    public Matrix<T> Backward(Matrix<T> gradOutput)
    {
        Matrix<T> output = _output ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, output.Rows, output.Cols);
        MatrixKernels.Zip(gradOutput, output, _gradInput, new Slope());
        return _gradInput;
    }

    private readonly struct Logistic : IUnaryFunction<T>
    {
        public T Apply(T x) => T.One / (T.One + T.Exp(-x));
        public Vector<T> Apply(Vector<T> x) => Vector<T>.One / (Vector<T>.One + VectorMath.Exp(-x));
    }

    private readonly struct Slope : IBinaryFunction<T>
    {
        public T Apply(T g, T y) => g * (T.One - y) * y;
        public Vector<T> Apply(Vector<T> g, Vector<T> y) => g * (Vector<T>.One - y) * y;
    }
}
