using System.Numerics;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Tests;

/// <summary>
/// A hand-written backprop with one classic mistake must fail the parity check, and the report's first lines must
/// name the step, the phase, the tensor and the operation; the audit (each operation on the reference's inputs)
/// must blame that operation alone.
/// </summary>
public sealed class BrokenManualTests
{
    /// <summary>Replaces the layer named <paramref name="layer"/> (or the loss) with a broken version of the real one.</summary>
    private sealed class Broken(string? layer = null, Func<object, object>? breakLayer = null, Func<object, object>? breakLoss = null) : IManualFactory
    {
        public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var real = ManualFactory.Instance.Create<T>(spec);
            return spec.Name == layer && breakLayer is not null ? (ILayer<T>)breakLayer(real) : real;
        }

        public ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var real = ((IManualFactory)ManualFactory.Instance).CreateLoss<T>(kind);
            return breakLoss is null ? real : (ILoss<T>)breakLoss(real);
        }
    }

    /// <summary>A layer whose backward is replaced; forward, name and parameters are the real layer's.</summary>
    private sealed class WrongBackward<T>(ILayer<T> real, Func<Matrix<T>, Matrix<T>> backward) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public string Name => real.Name;
        public string Kind => real.Kind;
        public IReadOnlyList<Parameter<T>> Parameters => real.Parameters;
        public Matrix<T> Forward(Matrix<T> input) => real.Forward(input);
        public Matrix<T> Backward(Matrix<T> gradOutput) => backward(gradOutput);
    }

    private sealed class LossWithoutMean<T>(ILoss<T> real) : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public string Name => real.Name;
        public T Forward(Matrix<T> prediction, Matrix<T> target) => real.Forward(prediction, target);

        // the 1/N of the mean forgotten: multiply the real gradient back by N
        public Matrix<T> Backward()
        {
            var gradient = real.Backward().Clone();
            for (int i = 0; i < gradient.Length; i++) gradient.Data[i] *= T.CreateChecked(gradient.Length);
            return gradient;
        }
    }

    private static Matrix<double> Elementwise(Matrix<double> a, Matrix<double> b, Func<double, double, double> f)
    {
        var result = new Matrix<double>(a.Rows, a.Cols);
        MatrixKernels.Zip(a, b, result, (x, y) => f(x, y));
        return result;
    }

    private static IManualFactory SigmoidSlopeMissing(string layer) =>
        new Broken(layer, real => new WrongBackward<double>((ILayer<double>)real, g => g.Clone()));

    private static IManualFactory TanhSlopeNotSquared(string layer) =>
        new Broken(layer, real =>
        {
            var tanh = (ILayer<double>)real;
            Matrix<double>? output = null;
            return new WrongBackward<double>(new Recording(tanh, y => output = y), g => Elementwise(g, output!, (gradient, y) => gradient * (1 - y)));
        });

    private static IManualFactory ReLUSlopeInverted(string layer) =>
        new Broken(layer, real =>
        {
            Matrix<double>? output = null;
            return new WrongBackward<double>(new Recording((ILayer<double>)real, y => output = y), g => Elementwise(g, output!, (gradient, y) => y > 0 ? 0 : gradient));
        });

    // The weight gradient without its transpose: xᵀ·g laid into W's [out, in] buffer (only a square layer fits).
    private static IManualFactory WeightGradientNotTransposed(string layer) =>
        new Broken(layer, real =>
        {
            var linear = (Linear<double>)real;
            return new WrongBackward<double>(linear, g =>
            {
                var gradInput = linear.Backward(g);
                var w = linear.Weight.Grad;
                for (int r = 0; r < w.Rows; r++)
                    for (int c = r + 1; c < w.Cols; c++)
                        (w[r, c], w[c, r]) = (w[c, r], w[r, c]);
                return gradInput;
            });
        });

    // The bias gradient from the first sample only, not summed over the batch.
    private static IManualFactory BiasGradientNotSummed(string layer) =>
        new Broken(layer, real =>
        {
            var linear = (Linear<double>)real;
            return new WrongBackward<double>(linear, g =>
            {
                var gradInput = linear.Backward(g);
                g.Row(0).CopyTo(linear.Bias.Grad.Row(0));
                return gradInput;
            });
        });

    private static IManualFactory MeanForgotten() =>
        new Broken(breakLoss: real => new LossWithoutMean<double>((ILoss<double>)real));

    /// <summary>Passes a layer's output to a callback, so a broken backward can read it.</summary>
    private sealed class Recording(ILayer<double> real, Action<Matrix<double>> seen) : ILayer<double>
    {
        public string Name => real.Name;
        public string Kind => real.Kind;
        public IReadOnlyList<Parameter<double>> Parameters => real.Parameters;
        public Matrix<double> Forward(Matrix<double> input)
        {
            var output = real.Forward(input);
            seen(output);
            return output;
        }
        public Matrix<double> Backward(Matrix<double> gradOutput) => real.Backward(gradOutput);
    }

    /// <summary>A 2-3-1 tanh/sigmoid network on XOR, for the tanh mutant (no built-in scenario uses tanh).</summary>
    private static Scenario TanhNetwork()
    {
        var xor = LessonNetworks.Xor221(DType.Float64);
        return xor with
        {
            Spec = xor.Spec with
            {
                Id = "tanh-xor",
                Layers = [LayerSpec.Linear("fc1", 2, 3), LayerSpec.Tanh("tanh1"), LayerSpec.Linear("fc2", 3, 1), LayerSpec.Sigmoid("sigmoid2")],
                Steps = 3,
            },
            InitialParameters =
            [
                NamedTensor.Create("fc1.weight", [3, 2], [0.5, -0.4, 0.3, 0.8, -0.6, 0.2]), NamedTensor.Create("fc1.bias", [3], [0.1, -0.1, 0.05]),
                NamedTensor.Create("fc2.weight", [1, 3], [0.7, -0.5, 0.4]), NamedTensor.Create("fc2.bias", [1], [0.0]),
            ],
        };
    }

    private static Scenario Short(Scenario scenario) => scenario with { Spec = scenario.Spec with { Steps = 3 } };

    private static IEnumerable<TestCaseData> Mutants()
    {
        yield return new TestCaseData(Short(ThreeInputNeuron.Create(DType.Float64)), SigmoidSlopeMissing("sigmoid1"),
            "backward", "dact/fc1", "backward of sigmoid sigmoid1 (layer 2)").SetName("Backward_SigmoidSlopeMissing_IsLocalisedToTheSigmoid");
        yield return new TestCaseData(TanhNetwork(), TanhSlopeNotSquared("tanh1"),
            "backward", "dact/fc1", "backward of tanh tanh1 (layer 2)").SetName("Backward_TanhSlopeOneMinusYNotSquared_IsLocalisedToTheTanh");
        yield return new TestCaseData(Short(SpiralLesson.Create(DType.Float64)), ReLUSlopeInverted("relu1"),
            "backward", "dact/fc1", "backward of relu relu1 (layer 2)").SetName("Backward_ReLUSlopeInverted_IsLocalisedToTheReLU");
        yield return new TestCaseData(Short(LessonNetworks.Xor221(DType.Float64)), WeightGradientNotTransposed("fc1"),
            "gradient", "grad/fc1.weight", "weight gradient in the backward of linear fc1 (layer 1)").SetName("Backward_WeightGradientNotTransposed_IsLocalisedToTheWeightGradient");
        yield return new TestCaseData(Short(LessonNetworks.XorOneNeuron(DType.Float64)), BiasGradientNotSummed("fc1"),
            "gradient", "grad/fc1.bias", "bias gradient in the backward of linear fc1 (layer 1)").SetName("Backward_BiasGradientNotSummedOverTheBatch_IsLocalisedToTheBiasGradient");
        yield return new TestCaseData(Short(LessonNetworks.XorOneNeuron(DType.Float64)), MeanForgotten(),
            "backward", "dact/sigmoid1", "loss backward (half squared error): dL/dŷ").SetName("Backward_LossMissingItsOneOverN_IsLocalisedToTheLossBackward");
    }

    [TestCaseSource(nameof(Mutants))]
    public void BrokenManual_FailsAndTheReportsFirstLinesNameThePlace(Scenario scenario, IManualFactory broken, string phase, string tensor, string operation)
    {
        var result = ParityCheck.Run(scenario, manualLayers: broken);
        var pair = result.Pair(ParityCheck.ManualVersusTorch);
        string[] lines = [.. ComparisonText.Lines(result)];

        Assert.That(result.Passed, Is.False);
        Assert.That(pair.Stepwise.FirstMismatch!.Step, Is.Zero);
        Assert.That(lines[1], Is.EqualTo($"  first mismatch: step 0, {phase}, {tensor}  -> suspect: {operation}"));
        Assert.That(lines[2], Does.StartWith($"  each operation alone, on the reference's inputs: 1 of ").And.Contain($"disagree: {operation} ("));
        Assert.That(pair.Audit!.Where(c => !c.Passed).Select(c => c.Operation), Is.EqualTo(new[] { operation }));
    }

    [Test]
    public void CorrectManual_HasNoFailingOperationAndNoSettingsDifference()
    {
        var result = ParityCheck.Run(Short(SpiralLesson.Create(DType.Float32)));
        var pair = result.Pair(ParityCheck.ManualVersusTorch);

        Assert.That(result.Passed, Is.True);
        Assert.That(pair.Audit, Is.Null, "the audit runs only when a step fails");
        Assert.That(pair.SettingsDifferences, Is.Empty);
    }

    [Test]
    public void SettingsThatDiffer_AreSaidBeforeAnyNumber()
    {
        var differences = ParityCheck.SettingsDifferences("torch", new Dictionary<string, string> { ["momentum"] = "0.9", ["learning rate"] = "0.5" },
            "manual", new Dictionary<string, string> { ["momentum"] = "0", ["learning rate"] = "0.5" });
        var stepwise = ParityCheck.Run(Short(ThreeInputNeuron.Create(DType.Float64))).Pair(ParityCheck.ManualVersusTorch);

        var lines = ComparisonText.Lines(stepwise with { SettingsDifferences = differences });

        Assert.That(differences, Is.EqualTo(new[] { "momentum: torch 0.9, manual 0" }));
        Assert.That(lines[0], Does.Contain("not set up alike"));
        Assert.That(lines[1], Is.EqualTo("  setting momentum: torch 0.9, manual 0"));
        Assert.That((stepwise with { SettingsDifferences = differences }).Passed, Is.False);
    }

    [Test]
    public void TorchSettings_AreReadFromTheOptimizerTorchSharpBuilt()
    {
        using var session = new TorchRunner().StartSession(ThreeInputNeuron.Create(DType.Float32));

        Assert.That(session.Settings["learning rate"], Is.EqualTo("0.5"));
        Assert.That(session.Settings["momentum"], Is.EqualTo("0"));
        Assert.That(session.Settings["weight decay"], Is.EqualTo("0"));
        Assert.That(session.Settings["loss"], Is.EqualTo("half_squared_error"));
    }
}
