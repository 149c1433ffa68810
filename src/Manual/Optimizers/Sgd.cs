using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Optimizers;

/// <summary>
/// Plain gradient descent, θ ← θ − lr · dL/dθ.
/// Matches <c>torch.optim.SGD(params, lr)</c> with momentum 0, dampening 0, weight_decay 0, nesterov off.
/// </summary>
public sealed class Sgd<T>(T learningRate) : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T LearningRate { get; } = learningRate;

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        for (int i = 0; i < parameters.Count; i++)
            MatrixKernels.SubtractScaled(parameters[i].Value, LearningRate, parameters[i].Grad);
    }
}
