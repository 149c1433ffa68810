using System.Numerics;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Tests.Comparison;

/// <summary>
/// A correct implementation that rounds differently must not fail at a ReLU kink: a float32 implementation that
/// computes every layer in double puts a hidden unit's input, within float32 rounding of 0, on the other side of the
/// kink now and then, and that one gradient element (and everything the backward computes from it) differs by far
/// more than the tolerance. The verdict is "kink", not a failure; a wrong ReLU still fails.
/// </summary>
public sealed class KinkTests
{
    /// <summary>A learner's float32 network that does its arithmetic in double and rounds each layer's results to float32.</summary>
    private sealed class ComputedInDouble : IManualFactory
    {
        public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> =>
            new InDouble<T>(ManualFactory.Instance.Create<double>(spec));

        private sealed class InDouble<T>(ILayer<double> inner) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
        {
            public string Name => inner.Name;
            public string Kind => inner.Kind;
            public IReadOnlyList<Parameter<T>> Parameters { get; } =
                inner.Parameters.Select(p => new Parameter<T>(p.Name, p.Shape, new Matrix<T>(p.Value.Rows, p.Value.Cols))).ToList();

            public Matrix<T> Forward(Matrix<T> input)
            {
                for (int p = 0; p < Parameters.Count; p++) Convert(Parameters[p].Value, inner.Parameters[p].Value);
                return Converted<double, T>(inner.Forward(Converted<T, double>(input)));
            }

            public Matrix<T> Backward(Matrix<T> gradOutput)
            {
                foreach (var parameter in inner.Parameters) parameter.ZeroGrad();
                var gradInput = inner.Backward(Converted<T, double>(gradOutput));
                AddGradients();
                return Converted<double, T>(gradInput);
            }

            public void BackwardToParameters(Matrix<T> gradOutput)
            {
                foreach (var parameter in inner.Parameters) parameter.ZeroGrad();
                inner.BackwardToParameters(Converted<T, double>(gradOutput));
                AddGradients();
            }

            private void AddGradients()
            {
                for (int p = 0; p < Parameters.Count; p++)
                {
                    var gradient = Parameters[p].Grad.Data;
                    var computed = inner.Parameters[p].Grad.Data;
                    for (int k = 0; k < gradient.Length; k++) gradient[k] += T.CreateChecked(computed[k]);
                }
            }

            private static void Convert<TFrom, TTo>(Matrix<TFrom> from, Matrix<TTo> to)
                where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
            {
                for (int k = 0; k < from.Data.Length; k++) to.Data[k] = TTo.CreateChecked(from.Data[k]);
            }

            private static Matrix<TTo> Converted<TFrom, TTo>(Matrix<TFrom> from)
                where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
            {
                var to = new Matrix<TTo>(from.Rows, from.Cols);
                Convert(from, to);
                return to;
            }
        }
    }

    [TestCase("spiral-relu-bce-float32")]
    [TestCase("spiral-lesson-float32")]
    public void AFloat32ImplementationComputingInDouble_PassesTheSpiral_WithItsKinksExplained(string id)
    {
        var scenario = ScenarioCatalog.Select([id]).Single();

        var result = ParityCheck.Run(scenario, manualLayers: new ComputedInDouble());
        var pair = result.Pair(ParityCheck.ManualVersusTorch);
        string report = string.Join("\n", ComparisonText.Lines(result));
        TestContext.Out.WriteLine(report);

        Assert.That(pair.Passed, Is.True, report);
        Assert.That(pair.Stepwise.KinkSteps, Is.Not.Empty, "the run crosses a kink: else this test proves nothing");
        Assert.That(report, Does.Contain("kink: at step ").And.Contain("rounding put a value on the other side of the "));
        var flips = pair.Stepwise.KinkSteps.SelectMany(k => k.Flips).ToList();
        Assert.That(flips.Where(f => f.Kink == "ReLU relu1"), Is.Not.Empty, "a hidden unit crossed the ReLU's kink");
        foreach (var flip in flips)
        {
            Assert.That(Math.Abs(flip.Expected - flip.Actual), Is.LessThanOrEqualTo(scenario.Spec.EffectiveTolerance.Limit(flip.Expected)), "within rounding");
            if (flip.Kink.StartsWith("ReLU")) Assert.That(flip.Expected > 0 != flip.Actual > 0, Is.True, "on opposite sides of 0");
            else Assert.That(flip.Expected * (1 - flip.Expected) == 0 != (flip.Actual * (1 - flip.Actual) == 0), Is.True, "ŷ exactly 0 or 1 on one side only");
        }
    }

    private static ScenarioSpec TwoLayers => new("kink", "hand-built", DType.Float32,
        [LayerSpec.Linear("fc1", 1, 2), LayerSpec.ReLU("relu1"), LayerSpec.Linear("fc2", 2, 1)], LossKind.MeanSquaredError, OptimizerSpec.Sgd(0.1), 1);

    // One sample; fc1's second unit sits at the kink on one side only.
    private static TraceStep Step(double z2, double gradientThroughUnit2, double fc2Output = 0.5) => new(0,
    [
        new(Phase.Forward, NamedTensor.Create("act/fc1", [1, 2], [0.3, z2])),
        new(Phase.Forward, NamedTensor.Create("act/relu1", [1, 2], [0.3, Math.Max(0, z2)])),
        new(Phase.Forward, NamedTensor.Create("act/fc2", [1, 1], [fc2Output])),
        new(Phase.Loss, NamedTensor.Create("loss", [], [0.25])),
        new(Phase.Backward, NamedTensor.Create("dact/fc2", [1, 1], [1.0])),
        new(Phase.Backward, NamedTensor.Create("dact/relu1", [1, 2], [0.7, 0.8])),
        new(Phase.Backward, NamedTensor.Create("dact/fc1", [1, 2], [0.7, gradientThroughUnit2])),
        new(Phase.Gradient, NamedTensor.Create("grad/fc1.weight", [2, 1], [0.7, gradientThroughUnit2])),
        new(Phase.Gradient, NamedTensor.Create("grad/fc1.bias", [2], [0.7, gradientThroughUnit2])),
        new(Phase.Gradient, NamedTensor.Create("grad/fc2.weight", [1, 2], [0.3, 0.0])),
        new(Phase.Gradient, NamedTensor.Create("grad/fc2.bias", [1], [1.0])),
    ]);

    [Test]
    public void AFlipAtTheKink_ExplainsTheGradientsBelowIt()
    {
        var explanation = KinkCheck.Explain(TwoLayers, Step(2e-8, 0.8), Step(-1e-8, 0.0), ToleranceSpec.DefaultFor(DType.Float32), false);

        Assert.That(explanation, Is.Not.Null);
        Assert.That(explanation!.Flips.Single(), Is.EqualTo(new KinkFlip("ReLU relu1", "act/fc1", "[0, 1]", 2e-8, -1e-8)));
        Assert.That(explanation.ElementsExplained, Is.EqualTo(3), "dact/fc1 [0, 1], grad/fc1.weight [1, 0], grad/fc1.bias [1]");
    }

    [Test]
    public void AFlipDoesNotExplain_AForwardDisagreement_OrAWrongSlopeWithoutOne()
    {
        var tolerance = ToleranceSpec.DefaultFor(DType.Float32);

        Assert.That(KinkCheck.Explain(TwoLayers, Step(2e-8, 0.8), Step(-1e-8, 0.0, fc2Output: 0.6), tolerance, false), Is.Null, "a forward tensor fails too");
        Assert.That(KinkCheck.Explain(TwoLayers, Step(0.5, 0.8), Step(0.5, 0.0), tolerance, false), Is.Null, "no flip: a ReLU that stops a gradient it should pass is a bug");
        Assert.That(KinkCheck.Explain(TwoLayers, Step(0.01, 0.8), Step(-0.01, 0.0), tolerance, false), Is.Null, "inputs 0.02 apart are not rounding");
    }
}
