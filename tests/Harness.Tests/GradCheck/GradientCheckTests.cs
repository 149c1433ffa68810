using System.Numerics;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.GradCheck;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;
using TorchSharp;

namespace BackpropParity.Harness.Tests.GradCheck;

/// <summary>The numerical witness: central differences of the loss as the spec defines it, beside both implementations.</summary>
public sealed class GradientCheckTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        ScenarioCatalog.Scenarios.Select(s => new TestCaseData(s).SetName($"ThreeWitnesses_{s.Id}_Agree"));

    [TestCaseSource(nameof(Scenarios))]
    public void EveryScenario_HasAThreeWitnessResult_ThatAgrees(Scenario scenario)
    {
        var (fixture, _) = FixtureLoader.Load(scenario, FixtureStore.Locate());

        var results = ThreeWitnesses.Run(scenario, fixture);

        Assert.That(results, Is.Not.Empty);
        foreach (var result in results)
        {
            Assert.That(result.Passed, Is.True, $"step {result.Step}: " + string.Join("; ",
                result.Parameters.Where(p => !p.Passed).Select(p => $"{p.Parameter} manual {p.MaxRelativeError["manual"]:0.0e+0} torch {p.MaxRelativeError["torch"]:0.0e+0}")));
            Assert.That(result.NumericalDtype, Is.EqualTo("float64"));
            Assert.That(result.ForwardPasses, Is.GreaterThan(1));
        }
    }

    /// <summary>The loss summed instead of averaged, forward and backward alike: a convention error both sides can share.</summary>
    private sealed class SummedLoss<T>(ILoss<T> mean) : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private int _count;
        public string Name => mean.Name;

        public T Forward(Matrix<T> prediction, Matrix<T> target)
        {
            _count = prediction.Length;
            return mean.Forward(prediction, target) * T.CreateChecked(_count);
        }

        public Matrix<T> Backward()
        {
            var gradient = mean.Backward().Clone();
            for (int i = 0; i < gradient.Length; i++) gradient.Data[i] *= T.CreateChecked(_count);
            return gradient;
        }
    }

    private sealed class SumInsteadOfMean : IManualFactory
    {
        public BackpropParity.Manual.Layers.ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => ManualFactory.Instance.Create<T>(spec);

        public ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T> =>
            new SummedLoss<T>(((IManualFactory)ManualFactory.Instance).CreateLoss<T>(kind));
    }

    [Test]
    public void AMistakeBothImplementationsShare_PassesParity_ButNotTheNumericalWitness()
    {
        var scenario = ScenarioCatalog.Get("xor-one-neuron-float64") with { Spec = ScenarioCatalog.Get("xor-one-neuron-float64").Spec with { Steps = 2 } };
        static torch.Tensor SummedHalfSquaredError(torch.Tensor prediction, torch.Tensor target)
        {
            using Scalar two = 2.ToScalar(), half = 0.5.ToScalar();   // explicit: an implicit Scalar can be finalized mid-call
            return (prediction - target).pow(two).sum().mul(half);
        }

        var sessionsAgree = new ManualRunner(new SumInsteadOfMean()).StartSession(scenario).Step(0).Tensors
            .Zip(new TorchSession(scenario, SummedHalfSquaredError).Step(0).Tensors)
            .All(pair => pair.First.Tensor.Values.Zip(pair.Second.Tensor.Values).All(v => Math.Abs(v.First - v.Second) <= 1e-12));
        var results = ThreeWitnesses.Run(scenario, fixture: null, manual: new SumInsteadOfMean(), reference: s => new TorchSession(s, SummedHalfSquaredError));

        Assert.That(sessionsAgree, Is.True, "manual and torch make the same mistake, so they agree with each other");
        Assert.That(results[0].Passed, Is.False);
        Assert.That(results[0].Disagreeing, Is.EquivalentTo(new[] { "manual", "torch" }));
        Assert.That(results[0].Parameters[0].MaxRelativeError["manual"], Is.EqualTo(0.75).Within(1e-6), "4× the mean's gradient: (4 − 1)/4");
    }

    [Test]
    public void ANudgeAcrossAReLUKink_IsReportedAsANonDifferentiablePoint_NotAMismatch()
    {
        // The lesson's spiral starts with the point (0, 0) and zero biases: every hidden unit's input is exactly 0 there.
        var results = ThreeWitnesses.Run(ScenarioCatalog.Get("spiral-lesson-float64"), mode: "full");

        var bias = results[0].Parameters.Single(p => p.Parameter == "fc1.bias");
        Assert.That(bias.Kinks, Has.Count.EqualTo(16));
        Assert.That(bias.Kinks, Does.Contain("fc1.bias[0]"));
        Assert.That(bias.Passed, Is.True);
    }

    [Test]
    public void FastMode_ChecksAHundredThousandParameterModel_WithAFewForwardPasses()
    {
        var random = new BackpropParity.Harness.Data.SplitMix64(7);
        double[] Normals(int n, double scale) => Enumerable.Range(0, n).Select(_ => random.NextNormal() * scale).ToArray();
        const int inputs = 300, hidden = 300, batch = 8;
        var scenario = new Scenario(
            new ScenarioSpec("wide-tanh", "a 300-300-1 tanh/sigmoid network, 90,601 parameters", DType.Float64,
                [LayerSpec.Linear("fc1", inputs, hidden), LayerSpec.Tanh("tanh1"), LayerSpec.Linear("fc2", hidden, 1), LayerSpec.Sigmoid("sigmoid2")],
                LossKind.BinaryCrossEntropy, OptimizerSpec.Sgd(0.1), Steps: 1),
            NamedTensor.Create("inputs", [batch, inputs], Normals(batch * inputs, 1)),
            NamedTensor.Create("targets", [batch, 1], [0, 1, 1, 0, 1, 0, 0, 1]),
            [
                NamedTensor.Create("fc1.weight", [hidden, inputs], Normals(hidden * inputs, 0.05)), NamedTensor.Create("fc1.bias", [hidden], new double[hidden]),
                NamedTensor.Create("fc2.weight", [1, hidden], Normals(hidden, 0.05)), NamedTensor.Create("fc2.bias", [1], [0.0]),
            ]);

        var result = ThreeWitnesses.Run(scenario).Single();

        Assert.That(result.Mode, Is.EqualTo("fast"));
        Assert.That(result.ForwardPasses, Is.EqualTo(3));
        Assert.That(result.Parameters.Single().Elements, Is.EqualTo(90_601));
        Assert.That(result.Passed, Is.True);
    }

    [Test]
    public void RelativeError_IgnoresWhatTheMeasurementCannotResolve_AndFloorsTinyGradients()
    {
        Assert.That(GradientCheck.RelativeError(1.0, 1.001, 1e-9), Is.EqualTo(0.001 / 1.001).Within(1e-12));
        Assert.That(GradientCheck.RelativeError(1.0, 1.001, 1e-9, uncertainty: 0.001), Is.Zero);
        Assert.That(GradientCheck.RelativeError(1e-12, 3e-12, 1e-9), Is.EqualTo(2e-12 / 1e-9).Within(1e-15));
    }
}
