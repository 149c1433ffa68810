using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests.Losses;

/// <summary>
/// What a loss promises besides its numbers: the name the settings check compares with PyTorch's, a target of the
/// prediction's shape (never a read past it), a clear error for a backward before any forward, and softmax
/// cross-entropy's shift by the row's maximum wherever that maximum is.
/// </summary>
public sealed class LossContractTests
{
    private static IEnumerable<TestCaseData> Losses()
    {
        yield return new TestCaseData(new MeanSquaredError<double>(), "mse", "mse: Backward called before Forward.");
        yield return new TestCaseData(new HalfSquaredError<double>(), "half_squared_error", "half squared error: Backward called before Forward.");
        yield return new TestCaseData(new BinaryCrossEntropy<double>(), "bce", "bce: Backward called before Forward.");
        yield return new TestCaseData(new SoftmaxCrossEntropy<double>(), "cross_entropy", "cross-entropy: Backward called before Forward.");
    }

    [TestCaseSource(nameof(Losses))]
    public void ALoss_SaysWhatItIs_AndRefusesABackwardBeforeAnyForward(ILoss<double> loss, string name, string error)
    {
        Assert.That(loss.Name, Is.EqualTo(name));
        Assert.That(Assert.Throws<InvalidOperationException>(() => loss.Backward())!.Message, Does.StartWith(error[..error.IndexOf(':')]));
    }

    [TestCaseSource(nameof(Losses))]
    public void ALoss_RefusesATargetOfAnotherShape(ILoss<double> loss, string name, string _)
    {
        var prediction = new Matrix<double>(4, 2, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
        var tooShort = new Matrix<double>(3, name == "cross_entropy" ? 1 : 2);

        var error = Assert.Throws<ArgumentException>(() => loss.Forward(prediction, tooShort));
        Assert.That(error!.Message, Does.Contain("target"));
    }

    [Test]
    public void SoftmaxCrossEntropy_ShiftsByTheRowsMaximum_WhereverItIs()
    {
        // exp(800) overflows: only the shift by 800 (not by the first or the smallest logit) gives a finite loss.
        double[] z = [-500, 800, 0, 799.5];
        var loss = new SoftmaxCrossEntropy<double>();

        double got = loss.Forward(new Matrix<double>(1, 4, z), new Matrix<double>(1, 1, [3]));

        double logSum = 800 + Math.Log(1 + Math.Exp(-0.5) + Math.Exp(-800) + Math.Exp(-1300));
        Assert.That(got, Is.EqualTo(logSum - 799.5).Within(1e-12));
        Assert.That(loss.Backward().ToDoubles(), Has.All.Matches<double>(double.IsFinite));
    }
}
