using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;
using static BackpropParity.Manual.Tests.FiniteDifferences;

namespace BackpropParity.Manual.Tests.Losses;

/// <summary>Every loss's dL/dŷ against central differences of its value, and its value against the formula by hand.</summary>
public sealed class LossGradientTests
{
    private static IEnumerable<TestCaseData> Losses()
    {
        yield return new TestCaseData(new MeanSquaredError<double>()).SetName("MeanSquaredError_Backward_MatchesCentralDifferences");
        yield return new TestCaseData(new HalfSquaredError<double>()).SetName("HalfSquaredError_Backward_MatchesCentralDifferences");
        yield return new TestCaseData(new BinaryCrossEntropy<double>()).SetName("BinaryCrossEntropy_Backward_MatchesCentralDifferences");
    }

    [TestCaseSource(nameof(Losses))]
    public void Loss_GradientWithRespectToPrediction_MatchesCentralDifferences(ILoss<double> loss)
    {
        Matrix<double> prediction = Values(6, 1, seed: 11, lo: 0.05, hi: 0.95);   // probabilities, for BCE
        var target = new Matrix<double>(6, 1, [0, 1, 1, 0, 1, 0]);

        loss.Forward(prediction, target);
        double[] analytic = loss.Backward().ToDoubles();
        double[] numerical = Gradient(prediction, () => loss.Forward(prediction, target));

        AssertClose(analytic, numerical, $"dL/dŷ of {loss.Name}");
    }

    [Test]
    public void SoftmaxCrossEntropy_Backward_MatchesCentralDifferences()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        Matrix<double> logits = Values(4, 3, seed: 12, lo: -2, hi: 2);
        var classes = new Matrix<double>(4, 1, [0, 2, 1, 2]);

        loss.Forward(logits, classes);
        double[] analytic = loss.Backward().ToDoubles();
        double[] numerical = Gradient(logits, () => loss.Forward(logits, classes));

        AssertClose(analytic, numerical, "dL/dz of softmax cross-entropy");
    }

    [Test]
    public void SoftmaxCrossEntropy_IsMinusTheMeanLogProbabilityOfTheTrueClass()
    {
        var logits = new Matrix<double>(2, 2, [0, 0, Math.Log(3), 0]);   // probabilities [½, ½] and [¾, ¼]
        var classes = new Matrix<double>(2, 1, [1, 0]);

        double expected = -(Math.Log(0.5) + Math.Log(0.75)) / 2;
        Assert.That(new SoftmaxCrossEntropy<double>().Forward(logits, classes), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void SoftmaxCrossEntropy_WithATargetThatIsNoClass_FailsSayingSo()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SoftmaxCrossEntropy<double>().Forward(new Matrix<double>(1, 3), new Matrix<double>(1, 1, [3])));
        Assert.That(error!.Message, Does.Contain("not a class index in [0, 3)"));
    }

    [Test]
    public void MeanSquaredError_IsTheMeanOfSquaredDifferences()
    {
        var prediction = new Matrix<double>(2, 1, [0.5, 2.0]);
        var target = new Matrix<double>(2, 1, [1.0, 1.0]);

        // ((0.5 − 1)² + (2 − 1)²) / 2 = (0.25 + 1) / 2
        Assert.That(new MeanSquaredError<double>().Forward(prediction, target), Is.EqualTo(0.625));
    }

    [Test]
    public void HalfSquaredError_IsHalfTheMeanSquaredError()
    {
        var prediction = new Matrix<double>(2, 1, [0.5, 2.0]);
        var target = new Matrix<double>(2, 1, [1.0, 1.0]);

        Assert.That(new HalfSquaredError<double>().Forward(prediction, target), Is.EqualTo(0.3125));
    }

    [Test]
    public void BinaryCrossEntropy_IsMinusTheMeanLogLikelihood()
    {
        var prediction = new Matrix<double>(2, 1, [0.8, 0.4]);
        var target = new Matrix<double>(2, 1, [1.0, 0.0]);

        double expected = -(Math.Log(0.8) + Math.Log(0.6)) / 2;
        Assert.That(new BinaryCrossEntropy<double>().Forward(prediction, target), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void BinaryCrossEntropy_ClampsEachLogAtMinus100_AsTorchDoes()
    {
        var prediction = new Matrix<double>(1, 1, [0.0]);
        var target = new Matrix<double>(1, 1, [1.0]);

        Assert.That(new BinaryCrossEntropy<double>().Forward(prediction, target), Is.EqualTo(100.0));
    }

    // 203 values: whole registers and a tail; hard labels (one log per element), soft ones (both logs), registers that
    // mix the two, and predictions of exactly 0 and 1 (clamped logs).
    [TestCase("hard")]
    [TestCase("soft")]
    [TestCase("mixed")]
    public void BinaryCrossEntropy_AgreesWithTheDefinition_ForHardAndSoftLabels(string labels)
    {
        const int n = 203;
        var random = new Random(5);
        var prediction = new Matrix<double>(n, 1);
        var target = new Matrix<double>(n, 1);
        for (int i = 0; i < n; i++)
        {
            prediction.Data[i] = i % 50 == 7 ? 0.0 : i % 50 == 8 ? 1.0 : random.NextDouble();
            bool soft = labels == "soft" || (labels == "mixed" && i % 3 == 0);
            target.Data[i] = soft ? random.NextDouble() : i % 2;
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double p = prediction.Data[i], y = target.Data[i];
            sum += y * Math.Max(Math.Log(p), -100) + (1 - y) * Math.Max(Math.Log(1 - p), -100);
        }
        double expected = -sum / n;

        Assert.That(new BinaryCrossEntropy<double>().Forward(prediction, target), Is.EqualTo(expected).Within(1e-13 * Math.Abs(expected)));
    }
}
