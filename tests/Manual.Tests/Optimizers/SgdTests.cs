using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests.Optimizers;

/// <summary>Plain gradient descent, θ ← θ − lr·dL/dθ, element by element, in float and double, on every length the register loop and its tail meet.</summary>
public sealed class SgdTests
{
    [Test]
    public void Sgd_Step_MovesEachParameterAgainstItsGradientByTheLearningRate()
    {
        var fc = new Linear<double>("fc1", 1, 1);
        fc.Weight.Value.Data[0] = 1.0;
        fc.Weight.Grad.Data[0] = 0.25;
        fc.Bias.Grad.Data[0] = -2.0;

        new Sgd<double>(0.5).Step(fc.Parameters);

        Assert.That(fc.Weight.Value.Data[0], Is.EqualTo(0.875));
        Assert.That(fc.Bias.Value.Data[0], Is.EqualTo(1.0));
        Assert.That(fc.Weight.Grad.Data[0], Is.EqualTo(0.25), "the optimizer never clears gradients");
    }

    [Test]
    public void EveryElement_IsThetaMinusLearningRateTimesGradient_OnEveryLength([Range(1, 37)] int length)
    {
        var random = new Random(length);
        double[] theta = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        double[] gradient = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var inDouble = new Parameter<double>("p", [length], new Matrix<double>(1, length, (double[])theta.Clone()));
        var inFloat = new Parameter<float>("p", [length], Matrix<float>.FromDoubles(1, length, theta));
        gradient.CopyTo(inDouble.Grad.Data, 0);
        Matrix<float>.FromDoubles(1, length, gradient).Data.CopyTo(inFloat.Grad.Data, 0);

        new Sgd<double>(0.3).Step([inDouble]);
        new Sgd<float>(0.3f).Step([inFloat]);

        for (int i = 0; i < length; i++)
        {
            Assert.That(inDouble.Value.Data[i], Is.EqualTo(theta[i] - 0.3 * gradient[i]), $"double [{i}]");
            Assert.That(inFloat.Value.Data[i], Is.EqualTo((float)theta[i] - 0.3f * (float)gradient[i]), $"float [{i}]");
        }
    }

    [Test]
    public void AfterZeroGrad_AStepLeavesTheParameterWhereItIs()
    {
        var parameter = new Parameter<double>("p", [3], new Matrix<double>(1, 3, [1.0, -2.0, 3.0]));
        parameter.Grad.Data[1] = 5.0;
        parameter.ZeroGrad();

        new Sgd<double>(0.5).Step([parameter]);

        Assert.That(parameter.Value.Data, Is.EqualTo(new[] { 1.0, -2.0, 3.0 }));
    }
}
