using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Losses;

/// <summary>
/// A scalar loss L(ŷ, y) averaged over every element (PyTorch's <c>reduction='mean'</c>).
/// <see cref="Backward"/> returns dL/dŷ for the last <see cref="Forward"/>, the gradient that starts backprop.
/// </summary>
public interface ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    string Name { get; }

    T Forward(Matrix<T> prediction, Matrix<T> target);

    Matrix<T> Backward();
}
