using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Layers;

/// <summary>
/// One layer of a sequential model. <see cref="Forward"/> maps a batch [batch, in] to [batch, out] and keeps
/// what its backward needs; <see cref="Backward"/> takes dL/d(output) and returns dL/d(input), adding the
/// parameter gradients into each <see cref="Parameter{T}.Grad"/> on the way.
/// </summary>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The module name PyTorch would use (<c>fc1</c>, <c>relu1</c>); parameters are named after it.</summary>
    string Name { get; }

    /// <summary>The operation, as a reader would say it: <c>linear</c>, <c>sigmoid</c>, <c>tanh</c>, <c>relu</c>.</summary>
    string Kind { get; }

    IReadOnlyList<Parameter<T>> Parameters { get; }

    Matrix<T> Forward(Matrix<T> input);

    Matrix<T> Backward(Matrix<T> gradOutput);

    /// <summary>
    /// Backward for the first layer of a model, whose input is data: only the parameter gradients are needed, as in
    /// torch, where the input does not require grad. A layer that can skip dL/d(input) (a linear layer) does.
    /// </summary>
    void BackwardToParameters(Matrix<T> gradOutput) => Backward(gradOutput);
}
