using BackpropParity.Harness.Comparison;
using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// The bug zoo: classic mistakes in hand-written backprop, each a small change to the real code's result.
/// Every one must be caught by at least one scenario and located where it lives.
/// </summary>
public static class MutantCatalog
{
    public static IReadOnlyList<Mutant> All { get; } =
    [
        new SigmoidSlopeMissing(), new SigmoidSlopeFromZ(), new TanhSlopeNotSquared(), new ReLUSlopeInverted(), new ReLUSlopeOneAtZero(),
        new WeightGradientNotTransposed(), new BiasGradientNotSummed(), new BiasGradientAveraged(), new MeanMissing(), new MeanTwice(),
        new LossGradientSignFlipped(), new SquaredErrorMissingFactor2(), new GradientsNotZeroed(), new PropagatedThroughUpdatedWeights(),
        new OptimizerWrongSign(), new OptimizerWrongLearningRate(), new FusedBceGradientThenSigmoidSlope(),
    ];

    private static T Of<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(value);

    /// <summary>σ'(z) forgotten: dL/dz = g instead of g·σ(1 − σ).</summary>
    private sealed class SigmoidSlopeMissing : Mutant
    {
        public override string Id => "sigmoid-slope-missing";
        public override string Bug => "sigmoid backward passes the gradient through without σ(1 − σ)";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.Sigmoid);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Sigmoid ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (_, _, _, g) => g.Clone());
    }

    /// <summary>The slope computed from the pre-activation: g·z(1 − z) instead of g·a(1 − a).</summary>
    private sealed class SigmoidSlopeFromZ : Mutant
    {
        public override string Id => "sigmoid-slope-from-z";
        public override string Bug => "sigmoid slope computed from z instead of from a = σ(z): z(1 − z)";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.Sigmoid);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Sigmoid ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (_, z, _, g) => Elementwise.Map(g, z, (gi, zi) => gi * zi * (T.One - zi)));
    }

    /// <summary>tanh's slope as 1 − tanh instead of 1 − tanh².</summary>
    private sealed class TanhSlopeNotSquared : Mutant
    {
        public override string Id => "tanh-slope-not-squared";
        public override string Bug => "tanh slope written 1 − tanh instead of 1 − tanh²";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.Tanh);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Tanh ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (_, _, y, g) => Elementwise.Map(g, y, (gi, yi) => gi * (T.One - yi)));
    }

    /// <summary>ReLU's derivative inverted: the gradient passes where the unit was off.</summary>
    private sealed class ReLUSlopeInverted : Mutant
    {
        public override string Id => "relu-slope-inverted";
        public override string Bug => "ReLU derivative inverted: 1 where x ≤ 0, 0 where x > 0";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.ReLU);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.ReLU ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (_, _, y, g) => Elementwise.Map(g, y, (gi, yi) => yi > T.Zero ? T.Zero : gi));
    }

    /// <summary>ReLU's slope taken as 1 at exactly 0 (torch takes 0): visible only where an input is exactly 0.</summary>
    private sealed class ReLUSlopeOneAtZero : Mutant
    {
        public override string Id => "relu-slope-one-at-zero";
        public override string Bug => "ReLU derivative written x ≥ 0 instead of x > 0 (wrong only at exactly 0)";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.ReLU);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.ReLU ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (_, x, _, g) => Elementwise.Map(g, x, (gi, xi) => xi >= T.Zero ? gi : T.Zero));
    }

    /// <summary>dL/dW = xᵀ·g laid into W's [out, in] buffer: the transpose forgotten (it only fits a square layer).</summary>
    private sealed class WeightGradientNotTransposed : Mutant
    {
        public override string Id => "weight-gradient-not-transposed";
        public override string Bug => "weight gradient without its transpose: xᵀ·g stored as [out, in] (only a square layer accepts it)";
        public override ExpectedSuspect Expected => new(OperationPart.WeightGradient, LayerKind.Linear);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Linear || spec.InFeatures != spec.OutFeatures ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (real, _, _, g) =>
            {
                var gradInput = real.Backward(g);
                var w = real.Parameters[0].Grad;
                for (int r = 0; r < w.Rows; r++)
                    for (int c = r + 1; c < w.Cols; c++)
                        (w[r, c], w[c, r]) = (w[c, r], w[r, c]);
                return gradInput;
            });
    }

    /// <summary>The bias gradient from the first sample only: invisible with a batch of one.</summary>
    private sealed class BiasGradientNotSummed : Mutant
    {
        public override string Id => "bias-gradient-not-summed";
        public override string Bug => "bias gradient not summed over the batch (first sample's only)";
        public override ExpectedSuspect Expected => new(OperationPart.BiasGradient, LayerKind.Linear);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Linear ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (real, _, _, g) =>
            {
                var gradInput = real.Backward(g);
                g.Row(0).CopyTo(real.Parameters[1].Grad.Row(0));
                return gradInput;
            });
    }

    /// <summary>The bias gradient averaged over the batch although the loss already averaged: 1/N twice.</summary>
    private sealed class BiasGradientAveraged : Mutant
    {
        public override string Id => "bias-gradient-averaged-twice";
        public override string Bug => "bias gradient averaged over the batch although the loss already divided by N";
        public override ExpectedSuspect Expected => new(OperationPart.BiasGradient, LayerKind.Linear);
        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Linear ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (real, _, _, g) =>
            {
                var gradInput = real.Backward(g);
                var bias = real.Parameters[1].Grad;
                for (int i = 0; i < bias.Length; i++) bias.Data[i] /= T.CreateChecked(g.Rows);
                return gradInput;
            });
    }

    /// <summary>The mean's 1/N missing from dL/dŷ: invisible with a batch of one.</summary>
    private sealed class MeanMissing : Mutant
    {
        public override string Id => "mean-missing";
        public override string Bug => "the 1/N of the mean missing from the loss gradient";
        public override ExpectedSuspect Expected => new(OperationPart.LossGradient);
        public override ILoss<T> CreateLoss<T>(LossKind kind) =>
            new MutatedLoss<T>(base.CreateLoss<T>(kind), (p, _, g) => Elementwise.Scale(g, T.CreateChecked(p.Length)));
    }

    /// <summary>The mean's 1/N applied twice.</summary>
    private sealed class MeanTwice : Mutant
    {
        public override string Id => "mean-twice";
        public override string Bug => "the 1/N of the mean applied twice in the loss gradient";
        public override ExpectedSuspect Expected => new(OperationPart.LossGradient);
        public override ILoss<T> CreateLoss<T>(LossKind kind) =>
            new MutatedLoss<T>(base.CreateLoss<T>(kind), (p, _, g) => Elementwise.Scale(g, T.One / T.CreateChecked(p.Length)));
    }

    /// <summary>dL/dŷ with the wrong sign: (y − ŷ) instead of (ŷ − y).</summary>
    private sealed class LossGradientSignFlipped : Mutant
    {
        public override string Id => "loss-gradient-sign";
        public override string Bug => "loss derivative with the wrong sign: y − ŷ instead of ŷ − y";
        public override ExpectedSuspect Expected => new(OperationPart.LossGradient);
        public override ILoss<T> CreateLoss<T>(LossKind kind) =>
            new MutatedLoss<T>(base.CreateLoss<T>(kind), (_, _, g) => Elementwise.Scale(g, -T.One));
    }

    /// <summary>d(ŷ − y)²/dŷ written (ŷ − y): the 2 missing (squared-error losses only).</summary>
    private sealed class SquaredErrorMissingFactor2 : Mutant
    {
        public override string Id => "squared-error-missing-2";
        public override string Bug => "squared-error derivative missing its factor 2: (ŷ − y) instead of 2(ŷ − y)";
        public override ExpectedSuspect Expected => new(OperationPart.LossGradient);
        public override ILoss<T> CreateLoss<T>(LossKind kind) => kind != LossKind.MeanSquaredError ? base.CreateLoss<T>(kind)
            : new MutatedLoss<T>(base.CreateLoss<T>(kind), (_, _, g) => Elementwise.Scale(g, Of<T>(0.5)));
    }

    /// <summary>optimizer.zero_grad() forgotten: gradients accumulate from step to step (visible from step 1).</summary>
    private sealed class GradientsNotZeroed : Mutant
    {
        public override string Id => "gradients-not-zeroed";
        public override string Bug => "gradients not zeroed between steps, so they accumulate";
        public override ExpectedSuspect Expected => new(OperationPart.WeightGradient, LayerKind.Linear);
        public override bool ZeroGradBetweenSteps => false;
    }

    /// <summary>The error sent to the layer below through the weights after the update: g·(W − lr·dW) instead of g·W.</summary>
    private sealed class PropagatedThroughUpdatedWeights : Mutant
    {
        public override string Id => "propagated-after-update";
        public override string Bug => "error propagated through the weights after the update instead of before";
        public override ExpectedSuspect Expected => new(OperationPart.InputGradient, LayerKind.Linear);
        private double _learningRate;

        public override IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec)
        {
            _learningRate = spec.LearningRate;
            return base.CreateOptimizer<T>(spec);
        }

        public override ILayer<T> Create<T>(LayerSpec spec) => spec.Kind != LayerKind.Linear ? base.Create<T>(spec)
            : new MutatedLayer<T>(base.Create<T>(spec), (real, _, _, g) =>
            {
                real.Backward(g);
                Parameter<T> weight = real.Parameters[0];
                var updated = Elementwise.Map(weight.Value, weight.Grad, (w, dw) => w - Of<T>(_learningRate) * dw);
                var gradInput = new Matrix<T>(g.Rows, weight.Value.Cols);
                MatrixKernels.MatMul(g, updated, gradInput);
                return gradInput;
            });
    }

    /// <summary>The update with the wrong sign: θ + lr·g.</summary>
    private sealed class OptimizerWrongSign : Mutant
    {
        public override string Id => "optimizer-wrong-sign";
        public override string Bug => "optimizer step with the wrong sign: θ + lr·dθ (gradient ascent)";
        public override ExpectedSuspect Expected => new(OperationPart.OptimizerStep);
        public override IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec)
        {
            var real = base.CreateOptimizer<T>(spec);
            // after the real θ − lr·g, move twice as far back: θ + lr·g
            return new MutatedOptimizer<T>(real, real.LearningRate, (p, before) =>
            {
                for (int i = 0; i < p.Value.Length; i++) p.Value.Data[i] = before.Data[i] + (before.Data[i] - p.Value.Data[i]);
            });
        }
    }

    /// <summary>The update with half the learning rate. The optimizer reports the rate it uses, so the settings check names it.</summary>
    private sealed class OptimizerWrongLearningRate : Mutant
    {
        public override string Id => "optimizer-wrong-learning-rate";
        public override string Bug => "optimizer built with the wrong learning rate (half)";
        public override ExpectedSuspect Expected => new(OperationPart.Setting, Setting: "learning rate");
        public override IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) => base.CreateOptimizer<T>(spec with { LearningRate = spec.LearningRate / 2 });
    }

    /// <summary>
    /// BCE after a sigmoid: the fused simplification dL/dz = (ŷ − y)/N returned as dL/dŷ, and the sigmoid's slope
    /// then applied again on top of it (binary cross-entropy only).
    /// </summary>
    private sealed class FusedBceGradientThenSigmoidSlope : Mutant
    {
        public override string Id => "bce-fused-then-sigmoid-slope";
        public override string Bug => "BCE's fused (ŷ − y)/N used as dL/dŷ, so the sigmoid slope is applied twice";
        public override ExpectedSuspect Expected => new(OperationPart.LossGradient);
        public override ILoss<T> CreateLoss<T>(LossKind kind) => kind != LossKind.BinaryCrossEntropy ? base.CreateLoss<T>(kind)
            : new MutatedLoss<T>(base.CreateLoss<T>(kind), (p, y, _) => Elementwise.Map(p, y, (pi, yi) => (pi - yi) / T.CreateChecked(p.Length)));
    }
}
