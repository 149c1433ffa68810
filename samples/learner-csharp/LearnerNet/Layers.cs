using System.Numerics;

namespace LearnerNet;

/// <summary>A layer: forward keeps what backward needs; backward turns dL/d(output) into dL/d(input).</summary>
public interface ILayer<T> where T : IFloatingPointIeee754<T>
{
    string Name { get; }
    T[] Forward(T[] input, int batch);
    T[] Backward(T[] gradOutput, int batch);
}

/// <summary>y = x·Wᵀ + b, with W stored as PyTorch stores it: [out, in], row-major.</summary>
public sealed class Linear<T>(string name, int inputs, int outputs) : ILayer<T> where T : IFloatingPointIeee754<T>
{
    public string Name => name;
    public T[] Weight { get; } = new T[outputs * inputs];   // [out, in]
    public T[] Bias { get; } = new T[outputs];              // [out]
    public T[] WeightGrad { get; } = new T[outputs * inputs];
    public T[] BiasGrad { get; } = new T[outputs];
    private T[] _input = [];                                 // [batch, in]

    public T[] Forward(T[] input, int batch)
    {
        _input = input;
        var output = new T[batch * outputs];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outputs; o++)
            {
                T sum = Bias[o];
                for (int i = 0; i < inputs; i++) sum += input[n * inputs + i] * Weight[o * inputs + i];
                output[n * outputs + o] = sum;
            }
        return output;
    }

    // dL/dW[o,i] += Σ_n g[n,o]·x[n,i],  dL/db[o] += Σ_n g[n,o],  dL/dx[n,i] = Σ_o g[n,o]·W[o,i]
    public T[] Backward(T[] gradOutput, int batch)
    {
        var gradInput = new T[batch * inputs];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outputs; o++)
            {
                T g = gradOutput[n * outputs + o];
                BiasGrad[o] += g;
                for (int i = 0; i < inputs; i++)
                {
                    WeightGrad[o * inputs + i] += g * _input[n * inputs + i];
                    gradInput[n * inputs + i] += g * Weight[o * inputs + i];
                }
            }
        return gradInput;
    }
}

/// <summary>An activation applied element by element; backward multiplies by its slope at the saved input or output.</summary>
public sealed class Activation<T>(string name, Func<T, T> function, Func<T, T, T> slope) : ILayer<T> where T : IFloatingPointIeee754<T>
{
    private T[] _input = [], _output = [];

    public string Name => name;

    public T[] Forward(T[] input, int batch)
    {
        _input = input;
        _output = input.Select(function).ToArray();
        return _output;
    }

    public T[] Backward(T[] gradOutput, int batch)
    {
        var gradInput = new T[gradOutput.Length];
        for (int k = 0; k < gradOutput.Length; k++) gradInput[k] = gradOutput[k] * slope(_input[k], _output[k]);
        return gradInput;
    }

    // relu' = 1 where x > 0;  sigmoid' = s·(1 − s);  tanh' = 1 − t²
    public static Activation<T> ReLU(string name, bool slopeBug = false) =>
        new(name, x => x > T.Zero ? x : T.Zero, (x, _) => slopeBug || x > T.Zero ? T.One : T.Zero);

    public static Activation<T> Sigmoid(string name) => new(name, x => T.One / (T.One + T.Exp(-x)), (_, s) => s * (T.One - s));

    public static Activation<T> Tanh(string name) => new(name, T.Tanh, (_, t) => T.One - t * t);
}
