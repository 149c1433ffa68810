using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.TorchRef;

/// <summary>The losses, written as a PyTorch user writes them; every one is a mean over all elements.</summary>
public static class TorchLosses
{
    /// <summary><c>F.mse_loss(ŷ, y)</c> = mean((ŷ − y)²).</summary>
    public static Tensor MeanSquaredError(Tensor prediction, Tensor target) =>
        nn.functional.mse_loss(prediction, target);

    /// <summary><c>0.5 * (ŷ - y).pow(2).mean()</c>, the lessons' loss.</summary>
    /// <remarks>
    /// The constants are Scalars made and disposed here, not C#'s implicit conversions of 0.5 and 2: an implicit
    /// Scalar can be finalized by a collection on another thread while libtorch still reads it (see <see cref="TorchSgd"/>).
    /// </remarks>
    public static Tensor HalfSquaredError(Tensor prediction, Tensor target)
    {
        using Scalar two = 2.ToScalar(), half = 0.5.ToScalar();
        return (prediction - target).pow(two).mean().mul(half);
    }

    /// <summary><c>F.binary_cross_entropy(ŷ, y)</c> = −mean(y·log ŷ + (1 − y)·log(1 − ŷ)), logs clamped at −100.</summary>
    public static Tensor BinaryCrossEntropy(Tensor prediction, Tensor target) =>
        nn.functional.binary_cross_entropy(prediction, target);

    /// <summary><c>F.cross_entropy(z, y)</c> on logits z [batch, classes]; y holds class indices, [batch, 1] of any type.</summary>
    public static Tensor SoftmaxCrossEntropy(Tensor logits, Tensor target)
    {
        using Tensor classes = target.reshape(-1).to_type(ScalarType.Int64);
        return nn.functional.cross_entropy(logits, classes);
    }
}
