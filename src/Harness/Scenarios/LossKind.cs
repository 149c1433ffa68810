namespace BackpropParity.Harness.Scenarios;

/// <summary>Losses, each a mean over every element of the prediction.</summary>
public enum LossKind
{
    /// <summary>(1/N) Σ (ŷ − y)²</summary>
    MeanSquaredError,

    /// <summary>(1/N) Σ ½(ŷ − y)²</summary>
    HalfSquaredError,

    /// <summary>−(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]</summary>
    BinaryCrossEntropy,

    /// <summary>−(1/N) Σ_b log softmax(z_b)[y_b], on logits, targets the class indices [batch, 1]</summary>
    SoftmaxCrossEntropy,
}
