using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;
using static BackpropParity.Manual.Tests.FiniteDifferences;

namespace BackpropParity.Manual.Tests.Layers;

/// <summary>
/// Every layer's Backward against central differences of its Forward. Each layer becomes the scalar
/// f(x) = Σ g ⊙ layer(x) for a fixed upstream gradient g; then df/dx must equal Backward(g).
/// </summary>
public sealed class LayerGradientTests
{
    private const int Batch = 4;

    private static IEnumerable<TestCaseData> ActivationLayers()
    {
        yield return new TestCaseData(new Sigmoid<double>("sigmoid1")).SetName("Sigmoid_Backward_MatchesCentralDifferences");
        yield return new TestCaseData(new Tanh<double>("tanh1")).SetName("Tanh_Backward_MatchesCentralDifferences");
        yield return new TestCaseData(new ReLU<double>("relu1")).SetName("ReLU_Backward_MatchesCentralDifferencesAwayFromZero");
    }

    [TestCaseSource(nameof(ActivationLayers))]
    public void Activation_GradInput_MatchesCentralDifferences(ILayer<double> layer)
    {
        // Inputs kept at least 0.1 away from 0, so ReLU's kink is never inside a nudge.
        Matrix<double> x = Values(Batch, 5, seed: 1, lo: 0.1, hi: 2.0);
        for (int i = 0; i < x.Length; i += 2) x.Data[i] = -x.Data[i];
        Matrix<double> g = Values(Batch, 5, seed: 2);

        layer.Forward(x);
        double[] analytic = layer.Backward(g).ToDoubles();
        double[] numerical = Gradient(x, () => Weighted(layer.Forward(x), g));

        AssertClose(analytic, numerical, $"dL/dx of {layer.Kind}");
    }

    [Test]
    public void Linear_GradInputWeightAndBias_MatchCentralDifferences()
    {
        var linear = new Linear<double>("fc1", inFeatures: 3, outFeatures: 2);
        Values(2, 3, seed: 3).Data.CopyTo(linear.Weight.Value.Data, 0);
        Values(1, 2, seed: 4).Data.CopyTo(linear.Bias.Value.Data, 0);
        Matrix<double> x = Values(Batch, 3, seed: 5);
        Matrix<double> g = Values(Batch, 2, seed: 6);
        double F() => Weighted(linear.Forward(x), g);

        linear.Forward(x);
        double[] gradInput = linear.Backward(g).ToDoubles();

        AssertClose(gradInput, Gradient(x, F), "dL/dx");
        AssertClose(linear.Weight.Grad.ToDoubles(), Gradient(linear.Weight.Value, F), "dL/dW");
        AssertClose(linear.Bias.Grad.ToDoubles(), Gradient(linear.Bias.Value, F), "dL/db");
    }

    [Test]
    public void Linear_ParameterGradients_AccumulateUntilZeroGrad()
    {
        var linear = new Linear<double>("fc1", 3, 2);
        Values(2, 3, seed: 7).Data.CopyTo(linear.Weight.Value.Data, 0);
        Matrix<double> x = Values(Batch, 3, seed: 8);
        Matrix<double> g = Values(Batch, 2, seed: 9);

        linear.Forward(x);
        linear.Backward(g);
        double[] once = linear.Weight.Grad.ToDoubles();
        linear.Forward(x);
        linear.Backward(g);

        Assert.That(linear.Weight.Grad.ToDoubles(), Is.EqualTo(once.Select(v => 2 * v)).Within(1e-15), "second backward adds to the first");
        double[] biasTwice = linear.Bias.Grad.ToDoubles();

        // After zero_grad the backward writes the gradient (the memory still holds the two backwards' sums until then).
        linear.Weight.ZeroGrad();
        linear.Bias.ZeroGrad();
        linear.Forward(x);
        linear.Backward(g);
        Assert.That(linear.Weight.Grad.ToDoubles(), Is.EqualTo(once), "a backward right after zero_grad gives the first backward's gradient");
        Assert.That(linear.Bias.Grad.ToDoubles(), Is.EqualTo(biasTwice.Select(v => v / 2)).Within(1e-15), "the bias's too");

        linear.Weight.ZeroGrad();
        Assert.That(linear.Weight.Grad.Data, Is.All.EqualTo(0.0));
    }

    [Test]
    public void ZeroGrad_ReadsAsZeros_AndTheNextBackwardIsToldToWrite()
    {
        var parameter = new BackpropParity.Manual.Parameter<double>("w", [2], new Matrix<double>(1, 2));
        parameter.GradForBackward(out bool freshIsZero).Data[0] = 5.0;
        Assert.That(freshIsZero, Is.True, "a new parameter's gradient is zero, as torch's is None");

        parameter.GradForBackward(out bool afterBackward);
        Assert.That(afterBackward, Is.False, "after a backward the next one adds");

        parameter.ZeroGrad();
        parameter.GradForBackward(out bool afterZeroGrad).Data[1] = 7.0;
        Assert.That(afterZeroGrad, Is.True);
        Assert.That(parameter.Grad.Data, Is.EqualTo(new[] { 5.0, 7.0 }), "the backward wrote; nothing cleared what it wrote");

        parameter.ZeroGrad();
        Assert.That(parameter.Grad.Data, Is.EqualTo(new[] { 0.0, 0.0 }), "read after zero_grad: zeros");
        parameter.GradForBackward(out bool afterRead);
        Assert.That(afterRead, Is.False, "reading materialised the zeros, so a backward may add to them");
    }

    [Test]
    public void Linear_UsesPyTorchLayout_WeightIsOutByIn()
    {
        var linear = new Linear<double>("fc1", inFeatures: 3, outFeatures: 2);

        Assert.That(linear.Weight.Name, Is.EqualTo("fc1.weight"));
        Assert.That(linear.Weight.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(linear.Bias.Name, Is.EqualTo("fc1.bias"));
        Assert.That(linear.Bias.Shape, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Linear_Forward_ComputesXTimesWTransposedPlusBias()
    {
        var linear = new Linear<double>("fc1", 2, 2);
        new double[] { 1, 2, 3, 4 }.CopyTo(linear.Weight.Value.Data, 0);   // W = [[1, 2], [3, 4]]
        new double[] { 10, 20 }.CopyTo(linear.Bias.Value.Data, 0);
        var x = new Matrix<double>(1, 2, [1, -1]);

        // [1, −1]·Wᵀ + b = [1·1 − 1·2, 1·3 − 1·4] + [10, 20] = [9, 19]
        Assert.That(linear.Forward(x).Data, Is.EqualTo(new double[] { 9, 19 }));
    }

    [Test]
    public void ReLU_SlopeAtExactlyZero_IsZeroAsInTorch()
    {
        var relu = new ReLU<double>("relu1");
        relu.Forward(new Matrix<double>(1, 3, [0.0, 1.0, -1.0]));

        Matrix<double> gradInput = relu.Backward(new Matrix<double>(1, 3, [5.0, 5.0, 5.0]));

        Assert.That(gradInput.Data, Is.EqualTo(new double[] { 0, 5, 0 }));
    }

    [Test]
    public void Backward_BeforeForward_FailsWithTheLayerName()
    {
        var sigmoid = new Sigmoid<double>("sigmoid7");

        var error = Assert.Throws<InvalidOperationException>(() => sigmoid.Backward(new Matrix<double>(1, 1)));
        Assert.That(error!.Message, Does.Contain("sigmoid7"));
    }
}
