using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BenchmarkDotNet.Attributes;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of the lesson's spiral network, 2-16-1, ReLU/sigmoid, mean BCE, 200 samples, float64: about
/// 45 kFLOP in the linear layers, so fixed costs (dispatch, autograd, interop) decide. One thread on both sides.
/// A third row, <see cref="HandFused"/>, times the same step written as one fused loop: the machine's floor for it.
/// </summary>
public class SpiralStepBenchmarks : StepBenchmarks<double>
{
    private HandFusedSpiralStep _fused = null!;

    protected override Scenario CreateScenario() => ScenarioCatalog.Get("spiral-lesson-float64");

    public override int ThreadCount => 1;

    [GlobalSetup(Target = nameof(HandFused))]
    public void SetupHandFused()
    {
        _fused = new HandFusedSpiralStep(CreateScenario());
        var session = ManualTrainingRun<double>.ForScenario(CreateScenario());
        // The floor must be the same computation: its losses follow the hand-written session's for ten steps.
        for (int step = 1; step <= 10; step++)
        {
            double fused = _fused.Step(), manual = session.Train();
            if (Math.Abs(fused - manual) > 1e-12 * Math.Abs(manual))
                throw new InvalidOperationException($"The hand-fused spiral step computes something else: at step {step} its loss is {fused:R}, the hand-written session's {manual:R}.");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2)) _fused.Step();
    }

    [GlobalCleanup(Target = nameof(HandFused))]
    public void CleanupHandFused() { }   // nothing to release; the sessions' cleanup is for the other two rows

    [Benchmark]
    public double HandFused() => _fused.Step();
}
