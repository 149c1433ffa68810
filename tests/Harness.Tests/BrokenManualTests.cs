using System.Numerics;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Tests;

/// <summary>
/// A hand-written backprop with one classic mistake must fail the parity check, and the report must point at
/// the mistake: the step, the tensor, the element and the operation.
/// </summary>
public sealed class BrokenManualTests
{
    /// <summary>The sigmoid with its slope forgotten: dL/dx = g instead of g·σ(1 − σ).</summary>
    private sealed class SigmoidWithoutSlope<T>(ILayer<T> sigmoid) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public string Name => sigmoid.Name;
        public string Kind => sigmoid.Kind;
        public IReadOnlyList<Parameter<T>> Parameters => sigmoid.Parameters;
        public Matrix<T> Forward(Matrix<T> input) => sigmoid.Forward(input);
        public Matrix<T> Backward(Matrix<T> gradOutput) => gradOutput.Clone();
    }

    private sealed class SigmoidSlopeMissing : IManualLayerFactory
    {
        public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var layer = ManualLayerFactory.Instance.Create<T>(spec);
            return spec.Kind == LayerKind.Sigmoid ? new SigmoidWithoutSlope<T>(layer) : layer;
        }
    }

    [TestCase(DType.Float64)]
    [TestCase(DType.Float32)]
    public void Backward_SigmoidSlopeMissing_IsLocalisedToTheSigmoidBackwardAtStep0(DType dtype)
    {
        var result = ParityCheck.Run(ThreeInputNeuron.Create(dtype), manualLayers: new SigmoidSlopeMissing()).Pair(ParityCheck.ManualVersusTorch);

        Assert.That(result.Passed, Is.False);
        var first = result.Stepwise.FirstMismatch!;
        Assert.That(first.Step, Is.Zero);
        Assert.That(first.Phase, Is.EqualTo(Phase.Backward));
        Assert.That(first.Name, Is.EqualTo("dact/fc1"), "dL/dŷ itself still agrees; the gradient below the sigmoid does not");
        Assert.That(first.MaxAbsoluteIndex, Is.EqualTo("[0, 0]"));
        Assert.That(result.Stepwise.Suspect, Is.EqualTo("backward of sigmoid sigmoid1 (layer 2)"));

        string report = string.Join("\n", ComparisonText.Lines(result));
        Assert.That(report, Does.Contain("first mismatch: step 0, backward, dact/fc1"));
        Assert.That(report, Does.Contain("suspect: backward of sigmoid sigmoid1"));
    }

    [Test]
    public void Backward_SigmoidSlopeMissingInTheSpiral_IsCaughtAtStep0BelowTheOutputLayer()
    {
        var result = ParityCheck.Run(SpiralReluBce.Create(DType.Float64), manualLayers: new SigmoidSlopeMissing()).Pair(ParityCheck.ManualVersusTorch);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Stepwise.FirstMismatch!.Step, Is.Zero);
        Assert.That(result.Stepwise.FirstMismatch.Name, Is.EqualTo("dact/fc2"));
        Assert.That(result.Stepwise.Suspect, Is.EqualTo("backward of sigmoid sigmoid2 (layer 4)"));
    }
}
