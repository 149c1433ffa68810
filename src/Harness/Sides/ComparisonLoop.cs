using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// The one comparison loop: steps every side of a scenario once per step, in order, and hands each pair of
/// (reference, candidate) their two steps. Every pair of sides is compared here, whatever the sides are: TorchSharp
/// and the manual implementation, a stored fixture, PyTorch, a user's implementation in-process or as a program.
/// A side that throws stops the pairs it is in, with its name and step; the other pairs go on to the end.
/// </summary>
public static class ComparisonLoop
{
    public static ScenarioResult Run(Scenario scenario, IReadOnlyList<(SideRun Reference, SideRun Candidate)> pairs,
        IReadOnlyList<string>? fixtureProblems = null)
    {
        var comparisons = pairs.Select(p => new PairComparison(scenario, p.Reference, p.Candidate)).ToList();
        try
        {
            var runs = pairs.SelectMany(p => new[] { p.Reference, p.Candidate }).Distinct().ToList();
            var failed = new Dictionary<SideRun, ScenarioError>();
            var current = new Dictionary<SideRun, TraceStep>();
            for (int step = 0; step < scenario.Spec.Steps; step++)
            {
                current.Clear();
                foreach (var run in runs.Where(r => !failed.ContainsKey(r) && step < r.Steps))
                {
                    try
                    {
                        current[run] = run.Next(step);
                    }
                    catch (Exception exception)
                    {
                        failed[run] = ScenarioError.From(run.Name, step, exception);
                    }
                }
                foreach (var pair in comparisons)
                {
                    if ((failed.GetValueOrDefault(pair.Reference) ?? failed.GetValueOrDefault(pair.Candidate)) is { } error) pair.Stop(error);
                    pair.Add(step, current.GetValueOrDefault(pair.Reference), current.GetValueOrDefault(pair.Candidate));
                }
            }
            var results = comparisons.Select(c => c.Build()).ToList();
            return new ScenarioResult(scenario.Spec, results, fixtureProblems ?? [], comparisons.Select(c => c.Error).FirstOrDefault(e => e is not null));
        }
        finally
        {
            foreach (var comparison in comparisons) comparison.Dispose();
        }
    }
}
