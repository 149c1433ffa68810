using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// The real manual parts for one scenario, with one mistake in the part it belongs to: the layers of the mistake's
/// kind, the loss, or the optimizer. Everything else is the real code.
/// </summary>
public sealed class MutatedFactory(Mistake mistake, ScenarioSpec scenario) : IManualFactory
{
    private static readonly IManualFactory Real = ManualFactory.Instance;

    public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ILayer<T> real = Real.Create<T>(spec);
        return mistake switch
        {
            SlopeMistake slope when slope.Layer == spec.Kind => new MutatedLayer<T>(real, slope, scenario.Optimizer.LearningRate),
            LinearMistake linear when spec.Kind == LayerKind.Linear && (!linear.SquareOnly || spec.InFeatures == spec.OutFeatures)
                => new MutatedLayer<T>(real, linear, scenario.Optimizer.LearningRate),
            _ => real,
        };
    }

    public ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ILoss<T> real = Real.CreateLoss<T>(kind);
        return mistake is LossMistake loss && (loss.Only is null || loss.Only == kind) ? new MutatedLoss<T>(real, loss) : real;
    }

    public IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => mistake switch
    {
        LearningRateMistake rate => Real.CreateOptimizer<T>(spec with { LearningRate = spec.LearningRate * rate.Factor }),
        UpdateMistake update => new MutatedOptimizer<T>(Real.CreateOptimizer<T>(spec), update),
        _ => Real.CreateOptimizer<T>(spec),
    };

    public bool ZeroGradBetweenSteps => mistake is not GradientsNotZeroed;
}

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

/// <summary>A real loss whose gradient dL/dŷ is changed element by element by a <see cref="LossMistake"/>.</summary>
public sealed class MutatedLoss<T>(ILoss<T> real, LossMistake mistake) : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _prediction, _target;   // [batch, out]

    public string Name => real.Name;

    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        (_prediction, _target) = (prediction, target);
        return real.Forward(prediction, target);
    }

    public Matrix<T> Backward()
    {
        Matrix<T> prediction = _prediction ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        double[] p = prediction.ToDoubles(), y = _target!.ToDoubles(), g = real.Backward().ToDoubles();
        // a target of class indices ([batch, 1]) has no element per prediction: the mistakes that read y are for element-wise losses
        return Matrix<T>.FromDoubles(prediction.Rows, prediction.Cols,
            g.Select((gi, i) => mistake.GradInput(p[i], i < y.Length ? y[i] : double.NaN, gi, p.Length)).ToArray());
    }
}

/// <summary>An optimizer that runs the real step, then an <see cref="UpdateMistake"/> rewrites each value from before and after it.</summary>
public sealed class MutatedOptimizer<T>(IOptimizer<T> real, UpdateMistake mistake) : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T LearningRate => real.LearningRate;

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        foreach (var parameter in parameters)
        {
            double[] before = parameter.Value.ToDoubles();
            real.Step([parameter]);
            double[] after = parameter.Value.ToDoubles();
            parameter.Load(before.Select((b, i) => mistake.Update(b, after[i])).ToArray());
        }
    }
}
