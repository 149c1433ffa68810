using System.Numerics;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

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
