using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
using BenchmarkDotNet.Attributes;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of the lesson's spiral network, 2-16-1, ReLU/sigmoid, mean BCE, 200 samples, float64: about
/// 45 kFLOP in the linear layers, so fixed costs (dispatch, autograd, interop) decide. One thread on both sides.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepConfig))]
public class SpiralStepBenchmarks : IStepBenchmark
{
    private TrainingSteps<double> _steps = null!;

    public DType DType => DType.Float64;

    public long Flops => TrainingSteps<double>.FlopsPerStep(SpiralLesson.Create(DType.Float64).Spec, 200);

    public int ThreadCount => 1;

    [GlobalSetup]
    public void Setup() => _steps = new TrainingSteps<double>(SpiralLesson.Create(DType.Float64), threads: 1);

    [GlobalCleanup]
    public void Cleanup() => _steps.Dispose();

    [Benchmark(Baseline = true)]
    public double Manual() => _steps.Manual();

    [Benchmark]
    public double TorchRef() => _steps.Torch();
}
