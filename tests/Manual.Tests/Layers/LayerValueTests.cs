using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;
using static BackpropParity.Manual.Tests.FormulaChecks;

namespace BackpropParity.Manual.Tests.Layers;

/// <summary>
/// Every layer's forward, and ReLU's backward, against the formula written one element at a time, in float64 and
/// float32, on lengths from 1 to 37: every register width's full registers and every scalar tail. A gradient check
/// alone lets a wrong forward through when its derivative has the same form (y = 0 or 1/(1 − e⁻ˣ) also satisfy
/// y′ = y(1 − y)); these do not.
/// </summary>
public sealed class LayerValueTests
{
    private static void AssertEach<T>(Matrix<T> actual, double[] input, Func<double, double> formula, double relative, string what)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            double x = double.CreateChecked(T.CreateChecked(input[i])), want = formula(x), got = double.CreateChecked(actual.Data[i]);
            Assert.That(double.IsFinite(got), Is.True, $"{what}[{i}] of {input.Length} is {got}");
            Assert.That(Math.Abs(got - want), Is.LessThanOrEqualTo(relative * Math.Max(1, Math.Abs(want))), $"{what}[{i}] of {input.Length}: x {x:R}, want {want:R}, got {got:R}");
        }
    }

    private static void Activations<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        foreach (int n in Lengths)
        {
            double[] x = Draw(n, seed: n);
            double[] g = Draw(n, seed: 100 + n);
            AssertEach(new Sigmoid<T>("s").Forward(Row<T>(x)), x, v => 1 / (1 + Math.Exp(-v)), Tolerance<T>(), "sigmoid");
            AssertEach(new Tanh<T>("t").Forward(Row<T>(x)), x, Math.Tanh, Tolerance<T>(), "tanh");

            var relu = new ReLU<T>("r");
            AssertEach(relu.Forward(Row<T>(x)), x, v => Math.Max(0, v), 0, "relu");
            var slope = relu.Backward(Row<T>(g));
            for (int i = 0; i < n; i++)
                Assert.That(double.CreateChecked(slope.Data[i]), Is.EqualTo(x[i] > 0 ? double.CreateChecked(T.CreateChecked(g[i])) : 0.0),
                    $"relu backward [{i}] of {n}: passes g where x > 0, else 0");
        }
    }

    [Test]
    public void Activations_ComputeTheirFormulas_AtEveryLength_Float64() => Activations<double>();

    [Test]
    public void Activations_ComputeTheirFormulas_AtEveryLength_Float32() => Activations<float>();

    [Test]
    public void Linear_IsXTimesWTransposedPlusB()
    {
        var linear = new Linear<double>("fc1", inFeatures: 3, outFeatures: 2);
        new double[] { 1, 2, 3, -1, 0.5, 2 }.CopyTo(linear.Weight.Value.Data, 0);   // W = [[1, 2, 3], [−1, ½, 2]]
        new double[] { 0.25, -4 }.CopyTo(linear.Bias.Value.Data, 0);

        var y = linear.Forward(new Matrix<double>(2, 3, [1, 1, 1, 2, 0, -1]));

        Assert.That(y.Data, Is.EqualTo(new[] { 6.25, -2.5, -0.75, -8.0 }));
    }
}
