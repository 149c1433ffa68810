using System.Numerics;

namespace BackpropParity.Manual.Optimizers;

/// <summary>Updates parameter values from their accumulated gradients; never clears the gradients.</summary>
public interface IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T LearningRate { get; }

    void Step(IReadOnlyList<Parameter<T>> parameters);
}
