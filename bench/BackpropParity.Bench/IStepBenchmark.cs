using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Bench;

/// <summary>What the throughput columns need to know about a training-step benchmark.</summary>
public interface IStepBenchmark
{
    DType DType { get; }

    /// <summary>Floating-point operations in one step (see <see cref="TrainingSteps{T}.FlopsPerStep"/>).</summary>
    long Flops { get; }

    int ThreadCount { get; }
}
