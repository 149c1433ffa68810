using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// The bug zoo: classic mistakes in hand-written backprop, each a small change to the real code's result. Every one
/// must be caught by at least one scenario and located where it lives.
/// </summary>
public static class MutantCatalog
{
    private static readonly ExpectedSuspect LossBackward = new(OperationPart.LossGradient);

    public static IReadOnlyList<Mutant> All { get; } =
    [
        new("sigmoid-slope-missing", "sigmoid backward passes the gradient through without σ(1 − σ)",
            new(OperationPart.InputGradient, LayerKind.Sigmoid), new SlopeMistake(LayerKind.Sigmoid, SlopeReads.Output, (g, _) => g)),
        new("sigmoid-slope-from-z", "sigmoid slope computed from z instead of from a = σ(z): z(1 − z)",
            new(OperationPart.InputGradient, LayerKind.Sigmoid), new SlopeMistake(LayerKind.Sigmoid, SlopeReads.Input, (g, z) => g * z * (1 - z))),
        new("tanh-slope-not-squared", "tanh slope written 1 − tanh instead of 1 − tanh²",
            new(OperationPart.InputGradient, LayerKind.Tanh), new SlopeMistake(LayerKind.Tanh, SlopeReads.Output, (g, y) => g * (1 - y))),
        new("relu-slope-inverted", "ReLU derivative inverted: 1 where x ≤ 0, 0 where x > 0",
            new(OperationPart.InputGradient, LayerKind.ReLU), new SlopeMistake(LayerKind.ReLU, SlopeReads.Output, (g, y) => y > 0 ? 0 : g)),
        new("relu-slope-one-at-zero", "ReLU derivative written x ≥ 0 instead of x > 0 (wrong only at exactly 0)",
            new(OperationPart.InputGradient, LayerKind.ReLU), new SlopeMistake(LayerKind.ReLU, SlopeReads.Input, (g, x) => x >= 0 ? g : 0)),
        new("weight-gradient-not-transposed", "weight gradient without its transpose: xᵀ·g stored as [out, in] (only a square layer accepts it)",
            new(OperationPart.WeightGradient, LayerKind.Linear), new LinearMistake(b => b with { WeightGrad = Transposed(b.WeightGrad) }, SquareOnly: true)),
        new("bias-gradient-not-summed", "bias gradient not summed over the batch (first sample's only)",
            new(OperationPart.BiasGradient, LayerKind.Linear), new LinearMistake(b => b with { BiasGrad = new Matrix<double>(1, b.GradOutput.Cols, b.GradOutput.Row(0).ToArray()) })),
        new("bias-gradient-averaged-twice", "bias gradient averaged over the batch although the loss already divided by N",
            new(OperationPart.BiasGradient, LayerKind.Linear), new LinearMistake(b => b with { BiasGrad = Scaled(b.BiasGrad, 1.0 / b.GradOutput.Rows) })),
        new("mean-missing", "the 1/N of the mean missing from the loss gradient", LossBackward, new LossMistake((_, _, g, n) => g * n)),
        new("mean-twice", "the 1/N of the mean applied twice in the loss gradient", LossBackward, new LossMistake((_, _, g, n) => g / n)),
        new("loss-gradient-sign", "loss derivative with the wrong sign: y − ŷ instead of ŷ − y", LossBackward, new LossMistake((_, _, g, _) => -g)),
        new("squared-error-missing-2", "squared-error derivative missing its factor 2: (ŷ − y) instead of 2(ŷ − y)", LossBackward,
            new LossMistake((_, _, g, _) => g / 2, Only: LossKind.MeanSquaredError)),
        new("gradients-not-zeroed", "gradients not zeroed between steps, so they accumulate",
            new(OperationPart.WeightGradient, LayerKind.Linear), new GradientsNotZeroed()),
        new("propagated-after-update", "error propagated through the weights after the update instead of before",
            new(OperationPart.InputGradient, LayerKind.Linear), new LinearMistake(b => b with { GradInput = Product(b.GradOutput, Updated(b)) })),
        new("optimizer-wrong-sign", "optimizer step with the wrong sign: θ + lr·dθ (gradient ascent)",
            new(OperationPart.OptimizerStep), new UpdateMistake((before, after) => before + (before - after))),
        new("optimizer-wrong-learning-rate", "optimizer built with the wrong learning rate (half)",
            new(OperationPart.Setting, Setting: "learning rate"), new LearningRateMistake(0.5)),
        new("bce-fused-then-sigmoid-slope", "BCE's fused (ŷ − y)/N used as dL/dŷ, so the sigmoid slope is applied twice", LossBackward,
            new LossMistake((p, y, _, n) => (p - y) / n, Only: LossKind.BinaryCrossEntropy)),
    ];

    // W − lr·dW: the weights after the update, which the buggy code sends the error through.
    private static Matrix<double> Updated(LinearBackward b)
    {
        var updated = new Matrix<double>(b.Weight.Rows, b.Weight.Cols);
        for (int i = 0; i < updated.Length; i++) updated.Data[i] = b.Weight.Data[i] - b.LearningRate * b.WeightGrad.Data[i];
        return updated;
    }

    private static Matrix<double> Product(Matrix<double> a, Matrix<double> b)
    {
        var result = new Matrix<double>(a.Rows, b.Cols);
        MatrixKernels.MatMul(a, b, result);
        return result;
    }

    private static Matrix<double> Transposed(Matrix<double> m)
    {
        var result = new Matrix<double>(m.Cols, m.Rows);
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Cols; c++)
                result[c, r] = m[r, c];
        return result;
    }

    private static Matrix<double> Scaled(Matrix<double> m, double factor)
    {
        var result = m.Clone();
        for (int i = 0; i < result.Length; i++) result.Data[i] *= factor;
        return result;
    }
}
