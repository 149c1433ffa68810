using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;
using static BackpropParity.Manual.Tests.FormulaChecks;

namespace BackpropParity.Manual.Tests.Losses;

/// <summary>
/// Every loss's value and dL/dŷ against the formula written one element at a time, in float64 and float32, on lengths
/// from 1 to 37 (every scalar tail, N > 1 for every loss), with hard and soft targets; softmax cross-entropy with
/// logits beyond exp's range and over every width of classes.
/// </summary>
public sealed class LossValueTests
{
    private static (double[] Prediction, double[] Target) LossData(int n, int seed, bool probabilities, bool softTargets)
    {
        double[] prediction = probabilities ? Draw(n, seed, 0.02, 0.98) : Draw(n, seed);
        double[] target = softTargets ? Draw(n, seed + 1, 0, 1) : [.. Draw(n, seed + 1, 0, 1).Select(v => Math.Round(v))];
        return (prediction, target);
    }

    private static void Losses<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double tolerance = Tolerance<T>() * 40;   // a mean of up to 37 rounded terms
        foreach (int n in Lengths)
        {
            foreach (bool soft in new[] { false, true })
            {
                var (p, y) = LossData(n, seed: 7 * n, probabilities: true, softTargets: soft);
                double[] pt = [.. p.Select(v => double.CreateChecked(T.CreateChecked(v)))], yt = [.. y.Select(v => double.CreateChecked(T.CreateChecked(v)))];
                var (prediction, target) = (Row<T>(p), Row<T>(y));

                void Check(ILoss<T> loss, Func<int, double> term, Func<int, double> slope)
                {
                    double want = Enumerable.Range(0, n).Sum(term) / n, got = double.CreateChecked(loss.Forward(prediction, target));
                    Assert.That(got, Is.EqualTo(want).Within(tolerance * Math.Max(1, Math.Abs(want))), $"{loss.Name} of {n} values, soft targets {soft}");
                    var gradient = loss.Backward();
                    for (int i = 0; i < n; i++)
                        Assert.That(double.CreateChecked(gradient.Data[i]), Is.EqualTo(slope(i) / n).Within(tolerance * Math.Max(1, Math.Abs(slope(i) / n))),
                            $"{loss.Name} dL/dŷ[{i}] of {n}, soft targets {soft}");
                }

                Check(new MeanSquaredError<T>(), i => Math.Pow(pt[i] - yt[i], 2), i => 2 * (pt[i] - yt[i]));
                Check(new HalfSquaredError<T>(), i => 0.5 * Math.Pow(pt[i] - yt[i], 2), i => pt[i] - yt[i]);
                Check(new BinaryCrossEntropy<T>(), i => -(yt[i] * Math.Log(pt[i]) + (1 - yt[i]) * Math.Log(1 - pt[i])),
                    i => (pt[i] - yt[i]) / (pt[i] * (1 - pt[i])));
            }
        }
    }

    [Test]
    public void Losses_ComputeTheirFormulasAndSlopes_AtEveryLength_HardAndSoftTargets_Float64() => Losses<double>();

    [Test]
    public void Losses_ComputeTheirFormulasAndSlopes_AtEveryLength_HardAndSoftTargets_Float32() => Losses<float>();

    [TestCase(1000.0)]
    [TestCase(-1000.0)]
    [TestCase(88.0)]
    public void SoftmaxCrossEntropy_WithLargeLogits_StaysFinite_AndEqualsTheShiftedFormula(double shift)
    {
        // Logits far beyond exp's range: only the max-shifted form, log Σ e^(z − max) + max − z_y, gives a number.
        double[] z = [shift + 2, shift, shift - 1, shift + 0.5, shift - 3];
        var logits = new Matrix<double>(1, 5, z);
        var loss = new SoftmaxCrossEntropy<double>();

        double got = loss.Forward(logits, new Matrix<double>(1, 1, [1]));
        double max = z.Max(), logSum = Math.Log(z.Sum(v => Math.Exp(v - max))) + max;

        Assert.That(got, Is.EqualTo(logSum - z[1]).Within(1e-12));
        double[] gradient = loss.Backward().ToDoubles();
        Assert.That(gradient, Has.All.Matches<double>(double.IsFinite));
        for (int k = 0; k < z.Length; k++)
            Assert.That(gradient[k], Is.EqualTo(Math.Exp(z[k] - logSum) - (k == 1 ? 1 : 0)).Within(1e-12), $"dL/dz[{k}]");
    }

    [Test]
    public void SoftmaxCrossEntropy_OverManyClasses_MatchesTheFormula_AtEveryWidth()
    {
        foreach (int classes in Lengths.Where(c => c >= 2))
        {
            double[] z = Draw(3 * classes, seed: classes, lo: -40, hi: 40);
            var target = new Matrix<double>(3, 1, [0, classes - 1, classes / 2]);
            var loss = new SoftmaxCrossEntropy<double>();

            double got = loss.Forward(new Matrix<double>(3, classes, z), target);

            double want = 0;
            for (int row = 0; row < 3; row++)
            {
                var zr = z.AsSpan(row * classes, classes).ToArray();
                double max = zr.Max();
                want += Math.Log(zr.Sum(v => Math.Exp(v - max))) + max - zr[(int)target.Data[row]];
            }
            Assert.That(got, Is.EqualTo(want / 3).Within(1e-12 * Math.Max(1, want)), $"{classes} classes");
        }
    }
}
