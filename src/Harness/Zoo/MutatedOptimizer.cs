using System.Numerics;
using BackpropParity.Manual;
using BackpropParity.Manual.Optimizers;

namespace BackpropParity.Harness.Zoo;

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
