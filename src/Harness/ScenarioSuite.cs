using System.Collections.Concurrent;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness;

/// <summary>
/// Runs one check per scenario, side by side on every core, longest first (so no core is left with a long run at the
/// end); results keep the scenarios' order. An exception in one scenario becomes that scenario's failing result,
/// naming the side and the exception; it never stops or loses the others.
/// </summary>
public static class ScenarioSuite
{
    public static ScenarioResult[] Run(IReadOnlyList<Scenario> scenarios, Func<int, ScenarioResult> check, int parallelism)
    {
        var results = new ScenarioResult[scenarios.Count];
        var longestFirst = Enumerable.Range(0, scenarios.Count).OrderByDescending(i => EstimatedWork(scenarios[i])).ToList();
        Parallel.ForEach(Partitioner.Create(longestFirst, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i => results[i] = Guarded(scenarios[i], () => check(i)));
        return results;
    }

    /// <summary>The check's result, or a failing result that holds the exception that stopped it.</summary>
    public static ScenarioResult Guarded(Scenario scenario, Func<ScenarioResult> check)
    {
        try
        {
            return check();
        }
        catch (SideFailedException exception)
        {
            return ScenarioResult.Failed(scenario.Spec, exception.Error);
        }
        catch (Exception exception)
        {
            return ScenarioResult.Failed(scenario.Spec, ScenarioError.From(ScenarioError.Harness, step: null, exception));
        }
    }

    // Steps × values per step: the cost of a run, near enough to order them.
    public static long EstimatedWork(Scenario scenario) =>
        (long)scenario.Spec.Steps * (scenario.Inputs.Values.Length + scenario.InitialParameters.Sum(p => (long)p.Values.Length));
}
