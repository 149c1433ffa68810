using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// What a mutant gets wrong, as data and one small function in double precision (the mutated part converts its
/// values to double, applies the mistake, and converts back, so one formula serves float and double runs).
/// </summary>
public abstract record Mistake;

/// <summary>Which of a layer's tensors a slope is computed from.</summary>
public enum SlopeReads { Input, Output }

/// <summary>
/// A wrong backward for every layer of one kind: dL/dx element by element, from g = dL/d(output) and the layer's
/// input x or output y.
/// </summary>
public sealed record SlopeMistake(LayerKind Layer, SlopeReads Reads, Func<double, double, double> GradInput) : Mistake;

/// <summary>
/// A linear layer's backward, run for real, then changed: what it produced (and what it read) in, what the buggy code
/// would leave out. <see cref="SquareOnly"/>: the mistake only fits a layer with as many inputs as outputs.
/// </summary>
public sealed record LinearMistake(Func<LinearBackward, LinearBackward> Change, bool SquareOnly = false) : Mistake;

/// <summary>A linear layer's backward in double: g [batch, out], W [out, in] and the lr it will be updated with; dL/dx [batch, in], dL/dW [out, in], dL/db [1, out].</summary>
public sealed record LinearBackward(Matrix<double> GradOutput, Matrix<double> Weight, double LearningRate,
    Matrix<double> GradInput, Matrix<double> WeightGrad, Matrix<double> BiasGrad);

/// <summary>
/// A wrong loss gradient, element by element: (ŷ, y, the real dL/dŷ, N = element count) → dL/dŷ; only for
/// <see cref="Only"/> when the mistake belongs to one loss.
/// </summary>
public sealed record LossMistake(Func<double, double, double, int, double> GradInput, LossKind? Only = null) : Mistake;

/// <summary>A wrong update, element by element: (θ before the step, θ after the real step) → θ after.</summary>
public sealed record UpdateMistake(Func<double, double, double> Update) : Mistake;

/// <summary>The optimizer built with the learning rate times <see cref="Factor"/>; it reports the rate it uses.</summary>
public sealed record LearningRateMistake(double Factor) : Mistake;

/// <summary>The gradients never zeroed between steps.</summary>
public sealed record GradientsNotZeroed : Mistake;
