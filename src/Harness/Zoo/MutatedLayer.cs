using System.Numerics;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>A real layer whose backward makes a <see cref="SlopeMistake"/> or a <see cref="LinearMistake"/>; forward, name and parameters are the real layer's.</summary>
public sealed class MutatedLayer<T>(ILayer<T> real, Mistake mistake, double learningRate) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _input;    // [batch, in]
    private Matrix<T>? _output;   // [batch, out]

    public string Name => real.Name;
    public string Kind => real.Kind;
    public IReadOnlyList<Parameter<T>> Parameters => real.Parameters;

    public Matrix<T> Forward(Matrix<T> input)
    {
        _input = input;
        _output = real.Forward(input);
        return _output;
    }

    public Matrix<T> Backward(Matrix<T> gradOutput)
    {
        Matrix<T> input = _input ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        switch (mistake)
        {
            case SlopeMistake slope:
            {
                double[] g = gradOutput.ToDoubles(), v = (slope.Reads == SlopeReads.Input ? input : _output!).ToDoubles();
                return Matrix<T>.FromDoubles(gradOutput.Rows, gradOutput.Cols, g.Select((gi, i) => slope.GradInput(gi, v[i])).ToArray());
            }
            case LinearMistake linear:
            {
                Matrix<T> gradInput = real.Backward(gradOutput);
                Parameter<T> weight = real.Parameters[0], bias = real.Parameters[1];
                var done = new LinearBackward(Doubles(gradOutput), Doubles(weight.Value), learningRate, Doubles(gradInput), Doubles(weight.Grad), Doubles(bias.Grad));
                var wrong = linear.Change(done);
                Matrix<T>.FromDoubles(weight.Grad.Rows, weight.Grad.Cols, wrong.WeightGrad.Data).Data.CopyTo(weight.Grad.Data, 0);
                Matrix<T>.FromDoubles(1, bias.Grad.Cols, wrong.BiasGrad.Data).Data.CopyTo(bias.Grad.Data, 0);
                return Matrix<T>.FromDoubles(wrong.GradInput.Rows, wrong.GradInput.Cols, wrong.GradInput.Data);
            }
            default:
                return real.Backward(gradOutput);
        }
    }

    private static Matrix<double> Doubles(Matrix<T> m) => new(m.Rows, m.Cols, m.ToDoubles());
}
