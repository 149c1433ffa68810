using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Layers;

/// <summary>y = max(0, x), element-wise.</summary>
public sealed class ReLU<T>(string name) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _output;     // [batch, n], the slope is read from its sign
    private Matrix<T>? _gradInput;  // [batch, n]

    public string Name { get; } = name;
    public string Kind => "relu";
    public IReadOnlyList<Parameter<T>> Parameters => [];

    public Matrix<T> Forward(Matrix<T> input)
    {
        _output = MatrixKernels.Reuse(_output, input.Rows, input.Cols);
        MatrixKernels.Map(input, _output, new Rectifier());
        return _output;
    }

    // dL/dx = g where y > 0, else 0. At x = 0 the slope is taken as 0, as torch does (threshold_backward).
    public Matrix<T> Backward(Matrix<T> gradOutput)
    {
        Matrix<T> output = _output ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, output.Rows, output.Cols);
        MatrixKernels.Zip(gradOutput, output, _gradInput, new Slope());
        return _gradInput;
    }

    private readonly struct Rectifier : IUnaryFunction<T>
    {
        public T Apply(T x) => x < T.Zero ? T.Zero : x;   // NaN passes through, as in torch
        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.LessThan(x, Vector<T>.Zero), Vector<T>.Zero, x);
    }

    private readonly struct Slope : IBinaryFunction<T>
    {
        public T Apply(T g, T y) => y > T.Zero ? g : T.Zero;
        public Vector<T> Apply(Vector<T> g, Vector<T> y) => Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<T>.Zero), g, Vector<T>.Zero);
    }
}
