using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Tests.Runners;

/// <summary>
/// The manual side given what does not fit: data of the wrong shape, a class index that is no class, two layers with
/// one name, a part that hands back a gradient of the wrong shape. Each stops with a message naming the layer or loss
/// and the shapes, never an index error from deep inside a kernel.
/// </summary>
public sealed class ManualSessionTests
{
    private static string FirstStepFails(Scenario scenario, IManualFactory? factory = null)
    {
        var error = Assert.Catch<ArgumentException>(() =>
        {
            using var session = new ManualRunner(factory).StartSession(scenario);
            session.Step(0);
        });
        return error!.Message;
    }

    private static NamedTensor Widened(NamedTensor tensor) =>
        NamedTensor.Create(tensor.Name, [tensor.Shape[0], tensor.Shape[1] + 1], new double[tensor.Shape[0] * (tensor.Shape[1] + 1)]);

    [Test]
    public void InputsOfTheWrongWidth_AreNamedAtTheFirstLayer()
    {
        var scenario = ScenarioCatalog.Get("xor-2-2-1-float64");

        Assert.That(FirstStepFails(scenario with { Inputs = Widened(scenario.Inputs) }),
            Does.Contain("Shape mismatch for input of fc1: expected [4, 2], got [4, 3]"));
    }

    private static IEnumerable<TestCaseData> OneScenarioPerLoss()
    {
        yield return new TestCaseData(ScenarioCatalog.Get("regression-5-9-3-float64"), "target of mse").SetName("Targets_OfTheWrongShape_AreNamedByTheMeanSquaredError");
        yield return new TestCaseData(ScenarioCatalog.Get("three-input-neuron-float64"), "target of half squared error").SetName("Targets_OfTheWrongShape_AreNamedByTheHalfSquaredError");
        yield return new TestCaseData(ScenarioCatalog.Get("spiral-relu-bce-float64"), "target of bce").SetName("Targets_OfTheWrongShape_AreNamedByTheBinaryCrossEntropy");
        yield return new TestCaseData(ScenarioCatalog.Get("spiral-softmax-float64"), "target of cross-entropy").SetName("Targets_OfTheWrongShape_AreNamedByTheCrossEntropy");
    }

    [TestCaseSource(nameof(OneScenarioPerLoss))]
    public void TargetsOfTheWrongShape_AreNamedByTheLoss(Scenario scenario, string named)
    {
        Assert.That(FirstStepFails(scenario with { Targets = Widened(scenario.Targets) }), Does.Contain($"Shape mismatch for {named}"));
    }

    [TestCase(3.0)]
    [TestCase(-1.0)]
    [TestCase(1.5)]
    public void AClassIndexThatIsNoClass_IsRefusedWithTheRange(double target)
    {
        var scenario = ScenarioCatalog.Get("spiral-softmax-float64");
        double[] targets = (double[])scenario.Targets.Values.Clone();
        targets[7] = target;

        Assert.That(FirstStepFails(scenario with { Targets = scenario.Targets with { Values = targets } }),
            Does.Contain($"Cross-entropy target {target} is not a class index in [0, 3)"));
    }

    [Test]
    public void TwoLayersWithOneName_AreRefused()
    {
        var scenario = ScenarioCatalog.Get("xor-2-2-1-float64");
        var layers = scenario.Spec.Layers.Select(l => l.Kind == LayerKind.Sigmoid && l.Name == "sigmoid2" ? l with { Name = "sigmoid1" } : l).ToList();

        Assert.That(FirstStepFails(scenario with { Spec = scenario.Spec with { Layers = layers } }), Does.Contain("Two layers are named 'sigmoid1'"));
    }

    [Test]
    public void AGradientOfTheWrongShape_IsNamedAtTheLinearLayerThatReceivesIt()
    {
        var regression = ScenarioCatalog.Get("regression-5-9-3-float64");   // ends in the linear layer fc2

        Assert.That(FirstStepFails(regression, new LossWithAWideGradient()), Does.Contain("Shape mismatch for gradOutput of fc2: expected [13, 3], got [13, 4]"));
    }

    [Test]
    public void AGradientOfTheWrongShape_IsNamedAtAFirstLayerToo()
    {
        var regression = ScenarioCatalog.Get("regression-5-9-3-float64");
        var first = regression.Spec.Layers[0];
        var oneLayer = regression with
        {
            Spec = regression.Spec with { Layers = [first] },
            Targets = NamedTensor.Create("targets", [13, first.OutFeatures], new double[13 * first.OutFeatures]),
            InitialParameters = regression.InitialParameters.Where(p => p.Name.StartsWith("fc1.", StringComparison.Ordinal)).ToList(),
        };

        Assert.That(FirstStepFails(oneLayer, new LossWithAWideGradient()), Does.Contain($"Shape mismatch for gradOutput of fc1: expected [13, {first.OutFeatures}], got [13, {first.OutFeatures + 1}]"));
    }

    // The real layers; a loss whose gradient has one column too many.
    private sealed class LossWithAWideGradient : IManualFactory
    {
        public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => ManualFactory.Instance.Create<T>(spec);

        public ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T> => new Wide<T>(new MeanSquaredError<T>());

        private sealed class Wide<T>(ILoss<T> real) : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
        {
            private Matrix<T>? _prediction;   // [batch, out]

            public string Name => real.Name;

            public T Forward(Matrix<T> prediction, Matrix<T> target) => real.Forward(_prediction = prediction, target);

            public Matrix<T> Backward() => new(_prediction!.Rows, _prediction.Cols + 1);
        }
    }
}
