using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
using BenchmarkDotNet.Attributes;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of the MNIST-shaped 784-256-256-10 ReLU network with softmax cross-entropy, batch 128: about
/// 156 MFLOP, so the matrix kernels decide. Float32 and float64, on 1 and 2 threads (both sides set alike).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepConfig))]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class MlpStepBenchmarks<T> : IStepBenchmark where T : unmanaged, IFloatingPointIeee754<T>
{
    private TrainingSteps<T> _steps = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    public DType DType => typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;

    public long Flops => TrainingSteps<T>.FlopsPerStep(MnistShapedMlp.Create(DType, MnistShapedMlp.BenchmarkHidden).Spec, MnistShapedMlp.Batch);

    public int ThreadCount => Threads;

    [GlobalSetup]
    public void Setup() => _steps = new TrainingSteps<T>(MnistShapedMlp.Create(DType, MnistShapedMlp.BenchmarkHidden), Threads);

    [GlobalCleanup]
    public void Cleanup() => _steps.Dispose();

    [Benchmark(Baseline = true)]
    public double Manual() => _steps.Manual();

    [Benchmark]
    public double TorchRef() => _steps.Torch();
}
