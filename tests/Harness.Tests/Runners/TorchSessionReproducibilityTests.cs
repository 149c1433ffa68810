using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tests.Runners;

/// <summary>
/// On one machine, the reference gives the same bits every time: the same scenario, step and thread count, whatever
/// the memory its tensors land in. (libtorch's float64 matrix multiply goes through MKL, whose default code path may
/// sum in an order that depends on how the operands happen to be aligned; TorchRuntime pins MKL's code path before
/// libtorch loads.)
/// </summary>
public sealed class TorchSessionReproducibilityTests
{
    [TestCase(DType.Float64)]
    [TestCase(DType.Float32)]
    public void MnistShapedStep_RunEightTimesInFreshSessions_GivesTheSameBitsEveryTime(DType dtype)
    {
        var scenario = ScenarioCatalog.Get($"mnist-shaped-mlp-{dtype.Name()}");
        var garbage = new List<double[]>();   // moves later sessions' allocations around, as a busy process would

        TraceStep first = StepOnce(scenario);
        for (int run = 1; run < 8; run++)
        {
            garbage.Add(new double[1000 * run + 17]);
            TraceStep again = StepOnce(scenario);
            foreach (var (expected, actual) in first.Tensors.Zip(again.Tensors))
            {
                Assert.That(actual.Name, Is.EqualTo(expected.Name));
                Assert.That(actual.Tensor.Values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected.Tensor.Values.Select(BitConverter.DoubleToInt64Bits)),
                    $"run {run}: {actual.Name} differs from run 0");
            }
        }
        GC.KeepAlive(garbage);
    }

    private static TraceStep StepOnce(Scenario scenario)
    {
        using ISession session = new TorchRunner().StartSession(scenario);
        return session.Step(0);
    }
}
