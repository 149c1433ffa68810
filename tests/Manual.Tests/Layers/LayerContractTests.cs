using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests.Layers;

/// <summary>
/// What a layer promises besides its numbers: the name it reports (reports and settings checks show it), a clear error
/// when it is called out of order or with a batch of the wrong width, and its parameters' own checks.
/// </summary>
public sealed class LayerContractTests
{
    private static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData(new Linear<double>("fc1", 2, 2), "linear");
        yield return new TestCaseData(new Sigmoid<double>("sigmoid1"), "sigmoid");
        yield return new TestCaseData(new Tanh<double>("tanh1"), "tanh");
        yield return new TestCaseData(new ReLU<double>("relu1"), "relu");
    }

    [TestCaseSource(nameof(Layers))]
    public void ALayer_SaysWhatItIs_AndRefusesABackwardBeforeAnyForward(ILayer<double> layer, string kind)
    {
        Assert.That(layer.Kind, Is.EqualTo(kind));
        var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(new Matrix<double>(1, 2)));
        Assert.That(error!.Message, Is.EqualTo($"{layer.Name}: Backward called before Forward."));
    }

    [Test]
    public void Linear_RefusesAnInputOrGradientOfTheWrongWidth_NamingItself()
    {
        var linear = new Linear<double>("fc7", inFeatures: 3, outFeatures: 2);

        Assert.That(Assert.Throws<ArgumentException>(() => linear.Forward(new Matrix<double>(4, 5)))!.Message, Does.Contain("fc7").And.Contain("input"));
        Assert.That(Assert.Throws<InvalidOperationException>(() => linear.BackwardToParameters(new Matrix<double>(4, 2)))!.Message,
            Is.EqualTo("fc7: Backward called before Forward."));
        linear.Forward(new Matrix<double>(4, 3));
        Assert.That(Assert.Throws<ArgumentException>(() => linear.Backward(new Matrix<double>(4, 3)))!.Message, Does.Contain("fc7").And.Contain("gradOutput"));
        Assert.That(Assert.Throws<ArgumentException>(() => linear.BackwardToParameters(new Matrix<double>(3, 2)))!.Message, Does.Contain("gradOutput"));
    }

    [Test]
    public void Parameter_Load_ChecksTheCount_AndRoundsIntoItsType()
    {
        var parameter = new Parameter<float>("fc1.bias", [3], new Matrix<float>(1, 3));

        parameter.Load([0.1, -2.5, 1e-40]);

        Assert.That(parameter.Value.Data, Is.EqualTo(new[] { 0.1f, -2.5f, (float)1e-40 }));
        Assert.That(Assert.Throws<ArgumentException>(() => parameter.Load([1.0, 2.0]))!.Message, Is.EqualTo("Parameter fc1.bias holds 3 values, got 2."));
        Assert.That(Assert.Throws<ArgumentException>(() => new Parameter<float>("w", [2, 2], new Matrix<float>(1, 3)))!.Message,
            Does.StartWith("Parameter w: shape [2, 2] does not match"));
    }
}
