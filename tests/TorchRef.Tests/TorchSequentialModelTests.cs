using static TorchSharp.torch;

namespace BackpropParity.TorchRef.Tests;

public sealed class TorchSequentialModelTests
{
    private static TorchSequentialModel Network(ScalarType dtype = ScalarType.Float64) =>
        new TorchSequentialModel(dtype).AddLinear("fc1", 3, 2).AddTanh("tanh1").AddLinear("fc2", 2, 1).AddSigmoid("sigmoid2");

    [Test]
    public void TorchRuntime_Loads_AndReportsTheLibTorchVersion()
    {
        Assert.That(TorchRuntime.EnsureLoaded(), Does.StartWith("2."));
        Assert.That(TorchRuntime.TorchSharpVersion, Does.StartWith("0."));
    }

    [Test]
    public void Parameters_HavePyTorchNamesAndLayouts()
    {
        using var model = Network();

        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.That(shapes.Keys, Is.EqualTo(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }));
        Assert.That(shapes["fc1.weight"], Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(shapes["fc1.bias"], Is.EqualTo(new long[] { 2 }));
    }

    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.Float64)]
    public void Parameters_AreOfTheModelsDtype(ScalarType dtype)
    {
        using var model = Network(dtype);

        Assert.That(model.parameters().Select(p => p.dtype), Is.All.EqualTo(dtype));
    }

    [Test]
    public void LoadParameter_CopiesTheValues()
    {
        using var model = Network();

        model.LoadParameter("fc1.weight", [2, 3], [1, 2, 3, 4, 5, 6]);

        var weight = model.named_parameters().Single(p => p.name == "fc1.weight").parameter;
        Assert.That(weight.data<double>().ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void LoadParameter_OfTheWrongShape_IsRejectedNamingBothShapes()
    {
        using var model = Network();

        var error = Assert.Throws<ArgumentException>(() => model.LoadParameter("fc1.weight", [3, 2], [1, 2, 3, 4, 5, 6]));
        Assert.That(error!.Message, Does.Contain("[2, 3]").And.Contain("[3, 2]"));
    }

    [Test]
    public void LoadParameter_OfAnUnknownName_IsRejectedListingTheKnownOnes()
    {
        using var model = Network();

        var error = Assert.Throws<ArgumentException>(() => model.LoadParameter("fc3.weight", [1], [1]));
        Assert.That(error!.Message, Does.Contain("fc3.weight").And.Contain("fc1.weight"));
    }

    [Test]
    public void Forward_WithCapture_KeepsTheGradientFlowingIntoEveryLayerOutput()
    {
        // ŷ = σ(w·x + b) with w = 2, b = 0, x = 0.5, and L = ŷ: dL/dŷ = 1 and dL/dz = σ'(z) = ŷ(1 − ŷ).
        using var model = new TorchSequentialModel(ScalarType.Float64).AddLinear("fc1", 1, 1).AddSigmoid("sigmoid1");
        model.LoadParameter("fc1.weight", [1, 1], [2.0]);
        model.LoadParameter("fc1.bias", [1], [0.0]);
        using var input = tensor(new[] { 0.5 }, [1, 1], dtype: ScalarType.Float64);
        var outputs = new List<Tensor>();

        using var prediction = model.Forward(input, outputs);
        prediction.sum().backward();

        double y = 1 / (1 + Math.Exp(-1.0));
        Assert.That(outputs, Has.Count.EqualTo(2));
        Assert.That(outputs[1].grad!.item<double>(), Is.EqualTo(1.0));
        Assert.That(outputs[0].grad!.item<double>(), Is.EqualTo(y * (1 - y)).Within(1e-15));
    }

    [Test]
    public void HalfSquaredError_IsHalfTheMeanSquaredError()
    {
        TorchRuntime.EnsureLoaded();
        using var prediction = tensor(new[] { 0.5, 2.0 }, [2, 1], dtype: ScalarType.Float64);
        using var target = tensor(new[] { 1.0, 1.0 }, [2, 1], dtype: ScalarType.Float64);

        Assert.That(TorchLosses.HalfSquaredError(prediction, target).item<double>(), Is.EqualTo(0.3125));
        Assert.That(TorchLosses.MeanSquaredError(prediction, target).item<double>(), Is.EqualTo(0.625));
    }
}
