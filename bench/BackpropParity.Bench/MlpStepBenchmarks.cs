using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness;
using BackpropParity.Harness.Scenarios.Files;
using BenchmarkDotNet.Attributes;

namespace BackpropParity.Bench;

/// <summary>
/// One training step of the MNIST-shaped 784-256-256-10 ReLU network with softmax cross-entropy, batch 128: about
/// 156 MFLOP, so the matrix kernels decide. Float32 and float64, on 1 and 2 threads (both sides set alike).
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class MlpStepBenchmarks<T> : StepBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    public override int ThreadCount => Threads;

    protected override Scenario CreateScenario() => FullSize(DType);

    /// <summary>784-256-256-10, batch 128: bench/scenarios/mnist-shaped-mlp-256.json.</summary>
    public static Scenario FullSize(DType dtype) =>
        ScenarioFile.Load(Path.Combine(ProjectFolder.Find(FullSizeFile) ?? throw new FileNotFoundException(FullSizeFile), FullSizeFile)).Single(s => s.Spec.DType == dtype);

    private const string FullSizeFile = "bench/scenarios/mnist-shaped-mlp-256.json";
}
