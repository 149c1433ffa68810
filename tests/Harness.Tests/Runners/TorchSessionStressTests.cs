using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Runners;

/// <summary>
/// The reference side under garbage-collector pressure. TorchSharp wraps every native libtorch object (a tensor, a
/// Scalar) in a .NET object with a finalizer; a wrapper that becomes unreachable while libtorch still reads its
/// native object is freed under libtorch's feet when a collection happens during the call. A collection can only
/// happen there when another thread triggers it, which is what the parallel main job does all the time. Here several
/// threads train every built-in scenario's reference while another thread collects without pause: any such window
/// shows up within seconds as libtorch's "Expected false to be true ... toDouble" or "Unknown scalar type".
/// </summary>
public sealed class TorchSessionStressTests
{
    [Test]
    public void TorchSessions_SideBySide_WhileTheCollectorRunsWithoutPause_NeverFail()
    {
        var scenarios = ScenarioCatalog.Scenarios.Where(s => s.Inputs.Values.Length + s.InitialParameters.Sum(p => p.Values.Length) < 100_000).ToList();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        long steps = 0, collections = 0;

        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        });
        // One worker more than there are cores, so a worker is always inside a native call when a collection starts.
        Parallel.For(0, Environment.ProcessorCount + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount + 1 }, worker =>
        {
            for (int round = 0; !stop.IsCancellationRequested; round++)
            {
                var scenario = scenarios[(worker + round) % scenarios.Count];
                using ISession session = new TorchRunner().StartSession(scenario);
                for (int step = 0; step < Math.Min(scenario.Spec.Steps, 20) && !stop.IsCancellationRequested; step++)
                {
                    session.Step(step);
                    Interlocked.Increment(ref steps);
                }
            }
        });
        collector.Wait();

        TestContext.Out.WriteLine($"{steps} reference steps over {scenarios.Count} scenarios beside {collections} forced collections");
        Assert.That(steps, Is.GreaterThan(100), "the workers ran");
        Assert.That(collections, Is.GreaterThan(10), "the collector ran");
    }
}
