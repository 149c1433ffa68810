using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BenchmarkDotNet.Attributes;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of a scenario's network on both sides, timed: the hand-written session (the baseline) and the
/// TorchSharp one, built as the parity suite builds them (see <see cref="TrainingSteps{T}"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepConfig))]
public abstract class StepBenchmarks<T> : IStepBenchmark where T : unmanaged, IFloatingPointIeee754<T>
{
    private TrainingSteps<T> _steps = null!;

    /// <summary>The scenario whose network is trained.</summary>
    protected abstract Scenario CreateScenario();

    public abstract int ThreadCount { get; }

    public DType DType => typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;

    public long Flops
    {
        get
        {
            Scenario scenario = CreateScenario();
            return TrainingSteps<T>.FlopsPerStep(scenario.Spec, scenario.Inputs.Shape[0]);
        }
    }

    [GlobalSetup]
    public void Setup() => _steps = new TrainingSteps<T>(CreateScenario(), ThreadCount);

    [GlobalCleanup]
    public void Cleanup() => _steps.Dispose();

    [Benchmark(Baseline = true)]
    public double Manual() => _steps.Manual();

    [Benchmark]
    public double TorchRef() => _steps.Torch();
}
