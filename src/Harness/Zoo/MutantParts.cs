using System.Numerics;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A real layer with one mistake in its backward. Forward, name and parameters are the real layer's; the mistake
/// sees what the real backward would and returns what the buggy code would: (real layer, its input, its output,
/// gradOutput) → gradInput. It may call the real backward, so the mutant runs the real code plus one change.
/// </summary>
public sealed class MutatedLayer<T>(ILayer<T> real, Func<ILayer<T>, Matrix<T>, Matrix<T>, Matrix<T>, Matrix<T>> backward)
    : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
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

    public Matrix<T> Backward(Matrix<T> gradOutput) => backward(real, _input!, _output!, gradOutput);
}

/// <summary>A real loss whose gradient dL/dŷ is transformed: (prediction, target, real gradient) → gradient.</summary>
public sealed class MutatedLoss<T>(ILoss<T> real, Func<Matrix<T>, Matrix<T>, Matrix<T>, Matrix<T>> backward) : ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _prediction, _target;   // [batch, out]

    public string Name => real.Name;

    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        (_prediction, _target) = (prediction, target);
        return real.Forward(prediction, target);
    }

    public Matrix<T> Backward() => backward(_prediction!, _target!, real.Backward().Clone());
}

/// <summary>An optimizer that runs the real step, then changes what it did: (parameter, value before, real value after).</summary>
public sealed class MutatedOptimizer<T>(IOptimizer<T> real, T reportedLearningRate, Action<Parameter<T>, Matrix<T>> afterStep) : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T LearningRate => reportedLearningRate;

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        foreach (var parameter in parameters)
        {
            var before = parameter.Value.Clone();
            real.Step([parameter]);
            afterStep(parameter, before);
        }
    }
}

/// <summary>Element-wise helpers for writing the mistakes as formulas.</summary>
public static class Elementwise
{
    public static Matrix<T> Map<T>(Matrix<T> a, Matrix<T> b, Func<T, T, T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(a.Rows, a.Cols);
        MatrixKernels.Zip(a, b, result, f);
        return result;
    }

    public static Matrix<T> Scale<T>(Matrix<T> a, T factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = a.Clone();
        for (int i = 0; i < result.Length; i++) result.Data[i] *= factor;
        return result;
    }
}
