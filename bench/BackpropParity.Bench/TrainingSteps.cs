using System.Diagnostics;
using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Tensors.Kernels;
using BackpropParity.TorchRef;

namespace BackpropParity.Bench;

/// <summary>
/// A scenario's two sides ready to train: the hand-written session and the TorchSharp one, built exactly as the parity
/// suite builds them, timed on <c>Train()</c> (zero_grad, forward, loss, backward, SGD step; nothing recorded).
/// </summary>
public sealed class TrainingSteps<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ManualTrainingRun<T> _manual;
    private readonly TorchSession _torch;

    public TrainingSteps(Scenario scenario, int threads)
    {
        KernelThreads.Count = threads;
        TorchRuntime.Threads = threads;
        _manual = ManualTrainingRun<T>.ForScenario(scenario);
        _torch = new TorchSession(scenario);
        Flops = FlopsPerStep(scenario.Spec, scenario.Inputs.Shape[0]);

        // The tiered JIT runs a method's first calls unoptimised and recompiles it while it runs hot; time, not a
        // count of calls, is what gets every side to its final code.
        WarmUp(() => _manual.Train());
        WarmUp(() => _torch.Train());
    }

    /// <summary>Floating-point operations of one step: 2·batch·in·out per linear layer forward, as much for the weight gradient, and again for the input gradient except in the first layer.</summary>
    public long Flops { get; }

    public double Manual() => _manual.Train();

    public double Torch() => _torch.Train();

    public static long FlopsPerStep(ScenarioSpec spec, int batch)
    {
        long flops = 0;
        bool first = true;
        foreach (LayerSpec layer in spec.Layers.Where(l => l.Kind == LayerKind.Linear))
        {
            long products = 2L * batch * layer.InFeatures * layer.OutFeatures;
            flops += products * (first ? 2 : 3);
            first = false;
        }
        return flops;
    }

    private static void WarmUp(Action step)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2)) step();
    }

    public void Dispose()
    {
        _torch.Dispose();
    }
}
