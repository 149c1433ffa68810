using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of the lesson's spiral network, 2-16-1, ReLU/sigmoid, mean BCE, 200 samples, float64: about
/// 45 kFLOP in the linear layers, so fixed costs (dispatch, autograd, interop) decide. One thread on both sides.
/// </summary>
public class SpiralStepBenchmarks : StepBenchmarks<double>
{
    protected override Scenario CreateScenario() => SpiralLesson.Create(DType.Float64);

    public override int ThreadCount => 1;
}
