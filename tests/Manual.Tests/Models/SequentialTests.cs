using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Models;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;
using static BackpropParity.Manual.Tests.FiniteDifferences;

namespace BackpropParity.Manual.Tests.Models;

public sealed class SequentialTests
{
    private static Sequential<double> SmallNetwork()
    {
        var fc1 = new Linear<double>("fc1", 2, 3);
        var fc2 = new Linear<double>("fc2", 3, 1);
        Values(3, 2, seed: 21).Data.CopyTo(fc1.Weight.Value.Data, 0);
        Values(1, 3, seed: 22).Data.CopyTo(fc1.Bias.Value.Data, 0);
        Values(1, 3, seed: 23).Data.CopyTo(fc2.Weight.Value.Data, 0);
        return new Sequential<double>(fc1, new Tanh<double>("tanh1"), fc2, new Sigmoid<double>("sigmoid2"));
    }

    [Test]
    public void Backward_EveryParameterGradient_MatchesCentralDifferencesOfTheLoss()
    {
        var model = SmallNetwork();
        var loss = new BinaryCrossEntropy<double>();
        Matrix<double> x = Values(5, 2, seed: 24);
        var y = new Matrix<double>(5, 1, [1, 0, 1, 1, 0]);
        double F() => loss.Forward(model.Forward(x), y);

        model.ZeroGrad();
        F();
        model.Backward(loss.Backward());

        foreach (var parameter in model.Parameters)
            AssertClose(parameter.Grad.ToDoubles(), Gradient(parameter.Value, F), parameter.Name);
    }

    [Test]
    public void Backward_RecordsTheGradientAtEachLayerOutput_LastIsTheLossGradient()
    {
        var model = SmallNetwork();
        var loss = new MeanSquaredError<double>();
        Matrix<double> x = Values(4, 2, seed: 25);
        var y = new Matrix<double>(4, 1, [1, 0, 1, 0]);

        loss.Forward(model.Forward(x), y);
        Matrix<double> gradLoss = loss.Backward();
        model.Backward(gradLoss);

        Assert.That(model.GradientAtLayerOutput(3).Data, Is.EqualTo(gradLoss.Data));
        // dL/d(tanh output) = dL/d(fc2 output) · W2, by the linear layer's backward.
        double[] expected = new double[4 * 3];
        var fc2 = (Linear<double>)model.Layers[2];
        for (int b = 0; b < 4; b++)
            for (int j = 0; j < 3; j++)
                expected[b * 3 + j] = model.GradientAtLayerOutput(2)[b, 0] * fc2.Weight.Value[0, j];
        Assert.That(model.GradientAtLayerOutput(1).Data, Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void Sequential_ParametersAreInPyTorchOrder()
    {
        Assert.That(SmallNetwork().Parameters.Select(p => p.Name),
            Is.EqualTo(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }));
    }

    [Test]
    public void Sequential_WithDuplicateLayerNames_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Sequential<double>(new ReLU<double>("a"), new ReLU<double>("a")));
    }

    [Test]
    public void ZeroGrad_ClearsEveryParameterGradient_SoTheNextBackwardDoesNotAddToTheLast()
    {
        var model = SmallNetwork();
        var loss = new MeanSquaredError<double>();
        Matrix<double> x = Values(5, 2, seed: 31);
        var y = new Matrix<double>(5, 1, [1, 0, 1, 1, 0]);
        void Step()
        {
            loss.Forward(model.Forward(x), y);
            model.Backward(loss.Backward());
        }

        Step();
        double[][] once = [.. model.Parameters.Select(p => p.Grad.ToDoubles())];
        Step();
        Assert.That(model.Parameters[0].Grad.ToDoubles(), Is.EqualTo(once[0].Select(v => 2 * v)).Within(1e-15), "without zero_grad, gradients add up");

        model.ZeroGrad();
        Step();
        for (int p = 0; p < once.Length; p++)
            Assert.That(model.Parameters[p].Grad.ToDoubles(), Is.EqualTo(once[p]), model.Parameters[p].Name);
    }

    [Test]
    public void ASequential_RefusesTwoLayersOfOneName_AndSaysWhenNothingHasRunYet()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sequential<double>(new Tanh<double>("act"), new Sigmoid<double>("act")));
        Assert.That(error!.Message, Does.Contain("Two layers are named 'act'"));

        var model = SmallNetwork();
        Assert.That(Assert.Throws<InvalidOperationException>(() => model.LayerOutput(0))!.Message, Is.EqualTo("Forward has not run yet."));
        Assert.That(Assert.Throws<InvalidOperationException>(() => model.GradientAtLayerOutput(0))!.Message, Is.EqualTo("Backward has not run yet."));
    }
}
