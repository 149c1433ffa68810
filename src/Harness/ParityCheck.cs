using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;

namespace BackpropParity.Harness;

/// <summary>
/// Checks one scenario in a single pass over its steps (<see cref="ComparisonLoop"/>). TorchSharp is the reference;
/// each candidate implementation (the manual one unless others are given) is compared with it, free-running and
/// re-synchronised to it before every step. With a stored fixture, the candidates and TorchSharp are also compared
/// with it: free-running at every step (the loss at every step, every tensor at the recorded steps), and
/// re-synchronised to the fixture's parameters at its recorded steps. An exception thrown by a side ends that side's
/// pairs with a failing result that names the side, the step and the exception (<see cref="ScenarioResult.Error"/>);
/// it is never thrown on to the caller.
/// </summary>
public static class ParityCheck
{
    public const string ManualVersusTorch = "manual vs torch";
    public const string ManualVersusFixture = "manual vs fixture";
    public const string TorchVersusFixture = "torch vs fixture";

    public static ScenarioResult Run(Scenario scenario, Fixture? fixture = null, IManualFactory? manualLayers = null,
        IReadOnlyList<string>? fixtureProblems = null) =>
        Run(scenario, [new ManualImplementation(manualLayers)], fixture, fixtureProblems);

    /// <summary>The candidates against TorchSharp (and the fixture, when given); an implementation that does not support the scenario is skipped, and said so.</summary>
    public static ScenarioResult Run(Scenario scenario, IReadOnlyList<IImplementation> candidates, Fixture? fixture = null,
        IReadOnlyList<string>? fixtureProblems = null)
    {
        var runs = new List<SideRun>();
        try
        {
            var torch = Started(runs, TorchRunner.SideName, () => new LiveRun(TorchRunner.SideName, scenario, () => new TorchRunner().StartSession(scenario)));
            var stored = fixture is null ? null : Started(runs, Fixture.Side, () => RecordedRun.FromFixture(Fixture.Side, fixture));
            var pairs = new List<(SideRun, SideRun)>();
            var skipped = new List<PairResult>();
            foreach (var implementation in candidates)
            {
                var manual = implementation as ManualImplementation;
                if (manual is null && implementation.Unsupported(scenario.Spec) is { } reason)
                {
                    skipped.Add(PairResult.Skip($"{implementation.Name} vs {TorchRunner.SideName}", scenario.Spec, reason));
                    continue;
                }
                var candidate = Started(runs, implementation.Name, () => manual is null ? Live(implementation, scenario) : LiveManual(manual, scenario));
                pairs.Add((torch, candidate));
                if (stored is not null) pairs.Add((stored, candidate));
            }
            if (stored is not null) pairs.Add((stored, torch));
            var result = ComparisonLoop.Run(scenario, pairs, fixtureProblems);
            return skipped.Count == 0 ? result : result with { Pairs = [.. result.Pairs, .. skipped] };
        }
        catch (SideFailedException exception)
        {
            return ScenarioResult.Failed(scenario.Spec, exception.Error, fixtureProblems);
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    /// <summary>An implementation as a live side, stepped through <see cref="IImplementation"/>.</summary>
    public static SideRun Live(IImplementation implementation, Scenario scenario) =>
        new LiveRun(implementation.Name, scenario, () => ImplementationSession.Start(implementation, scenario), implementation as IOperationAudit);

    // The manual side runs networks through IImplementation like any other, and the lessons' scalar expressions by
    // their hand-written chain rules (src/Manual/Scalar), which are not networks; so it supports every scenario.
    private static SideRun LiveManual(ManualImplementation manual, Scenario scenario) =>
        new LiveRun(manual.Name, scenario, () => new ManualRunner(manual.Factory).StartSession(scenario), scenario.Spec.IsExpression ? null : manual);

    // Starting a side (building its model, loading the scenario) can fail too; then the scenario fails naming that side.
    private static SideRun Started(List<SideRun> runs, string side, Func<SideRun> start)
    {
        try
        {
            var run = start();
            runs.Add(run);
            return run;
        }
        catch (Exception exception)
        {
            throw new SideFailedException(side, null, exception);
        }
    }
}
