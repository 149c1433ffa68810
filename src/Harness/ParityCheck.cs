using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness;

/// <summary>
/// Checks one scenario in a single pass over its steps. The reference (TorchSharp) and the manual side each
/// train free-running; a second manual model is re-synchronised to the reference before every step. With a
/// stored fixture, both sides are also compared with it: free-running at every step (the loss at every step,
/// every tensor at the recorded steps), and re-synchronised to the fixture's parameters at its recorded steps.
/// An exception thrown by a side ends the scenario with a failing result that names the side, the step and the
/// exception (<see cref="ScenarioResult.Error"/>); it is never thrown on to the caller.
/// </summary>
public static class ParityCheck
{
    public const string ManualVersusTorch = "manual vs torch";
    public const string ManualVersusFixture = "manual vs fixture";
    public const string TorchVersusFixture = "torch vs fixture";

    public static ScenarioResult Run(Scenario scenario, Fixture? fixture = null, IManualFactory? manualLayers = null,
        IReadOnlyList<string>? fixtureProblems = null)
    {
        try
        {
            return Compare(scenario, fixture, manualLayers, fixtureProblems ?? []);
        }
        catch (SideFailedException exception)
        {
            return ScenarioResult.Failed(scenario.Spec, exception.Error, fixtureProblems);
        }
    }

    private static ScenarioResult Compare(Scenario scenario, Fixture? fixture, IManualFactory? manualLayers, IReadOnlyList<string> fixtureProblems)
    {
        ScenarioSpec spec = scenario.Spec;
        var manual = new ManualRunner(manualLayers);
        var torch = new TorchRunner();
        using ISession torchFree = OnSide(torch.Side, null, () => torch.StartSession(scenario));
        using ISession manualFree = OnSide(manual.Side, null, () => manual.StartSession(scenario));
        using ISession manualAtTorch = OnSide(manual.Side, null, () => manual.StartSession(scenario));

        var live = new PairBuilder(ManualVersusTorch, spec, torch.Side, manual.Side)
        {
            SettingsDifferences = SettingsDifferences(torch.Side, torchFree.Settings, manual.Side, manualFree.Settings),
        };
        PairBuilder? manualFixture = fixture is null ? null : new PairBuilder(ManualVersusFixture, spec, Fixture.Side, manual.Side);
        PairBuilder? torchFixture = fixture is null ? null : new PairBuilder(TorchVersusFixture, spec, Fixture.Side, torch.Side);
        using ISession? manualAtFixture = fixture is null ? null : OnSide(manual.Side, null, () => manual.StartSession(scenario));
        using ISession? torchAtFixture = fixture is null ? null : OnSide(torch.Side, null, () => torch.StartSession(scenario));

        if (fixture is not null && fixture.Metadata.Steps != spec.Steps)
            manualFixture!.StructuralProblem = torchFixture!.StructuralProblem = $"the fixture has {fixture.Metadata.Steps} steps, the scenario {spec.Steps}";

        IReadOnlyList<NamedTensor> torchStart = scenario.InitialParameters;
        for (int step = 0; step < spec.Steps; step++)
        {
            TraceStep reference = OnSide(torch.Side, step, () => torchFree.Step(step));
            TraceStep manualStep = OnSide(manual.Side, step, () => manualFree.Step(step));
            live.Trajectory.Add(reference, manualStep);
            live.Stepwise.Add(reference, OnSide(manual.Side, step, () =>
            {
                manualAtTorch.LoadParameters(torchStart);
                return manualAtTorch.Step(step);
            }));
            OnSide(manual.Side, step, () => live.AuditIfFirstFailure(scenario, reference, torchStart, manualLayers));
            torchStart = reference.ParametersAfter();

            if (fixture is null || step >= fixture.Metadata.Steps) continue;
            TraceStep stored = fixture.StepAt(step);
            manualFixture!.Trajectory.Add(stored, manualStep);
            torchFixture!.Trajectory.Add(stored, reference);
            if (fixture.Recorded.TryGetValue(step, out var recorded))
            {
                manualFixture.Stepwise.Add(stored, OnSide(manual.Side, step, () =>
                {
                    manualAtFixture!.LoadParameters(recorded.StartParameters);
                    return manualAtFixture.Step(step);
                }));
                OnSide(manual.Side, step, () => manualFixture.AuditIfFirstFailure(scenario, stored, recorded.StartParameters, manualLayers));
                torchFixture.Stepwise.Add(stored, OnSide(torch.Side, step, () =>
                {
                    torchAtFixture!.LoadParameters(recorded.StartParameters);
                    return torchAtFixture.Step(step);
                }));
            }
        }

        PairBuilder[] pairs = fixture is null ? [live] : [live, manualFixture!, torchFixture!];
        return new ScenarioResult(spec, pairs.Select(p => p.Build()).ToList(), fixtureProblems);
    }

    /// <summary>Runs one call into a side; whatever it throws comes out as a <see cref="SideFailedException"/> naming the side and step.</summary>
    private static T OnSide<T>(string side, int? step, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception exception) when (exception is not SideFailedException)
        {
            throw new SideFailedException(side, step, exception);
        }
    }

    private static void OnSide(string side, int? step, Action call) => OnSide(side, step, () =>
    {
        call();
        return true;
    });

    /// <summary>Every setting on which two sides differ (momentum: torch 0.9, manual 0).</summary>
    public static IReadOnlyList<SettingDifference> SettingsDifferences(string expectedSide, IReadOnlyDictionary<string, string> expected,
        string actualSide, IReadOnlyDictionary<string, string> actual) =>
        expected.Keys.Union(actual.Keys)
            .Where(key => expected.GetValueOrDefault(key) != actual.GetValueOrDefault(key))
            .Select(key => new SettingDifference(key, expectedSide, expected.GetValueOrDefault(key), actualSide, actual.GetValueOrDefault(key)))
            .ToList();

    private sealed class PairBuilder(string name, ScenarioSpec spec, string expectedSide, string actualSide)
    {
        public ComparisonBuilder Stepwise { get; } = new(spec, expectedSide, $"{actualSide} (re-synced each step)") { ExplainKinks = true };
        public ComparisonBuilder Trajectory { get; } = new(spec, expectedSide, actualSide);

        public string? StructuralProblem
        {
            set
            {
                Stepwise.StructuralProblem = value;
                Trajectory.StructuralProblem = value;
            }
        }

        private IReadOnlyList<Audit.OperationCheck>? _audit;

        public IReadOnlyList<SettingDifference>? SettingsDifferences { get; init; }

        /// <summary>At the first failing step, runs the manual side's operations one by one on the reference's inputs.</summary>
        public void AuditIfFirstFailure(Scenario scenario, TraceStep reference, IReadOnlyList<NamedTensor> start, IManualFactory? layers)
        {
            if (_audit is not null || !Stepwise.HasFailures || scenario.Spec.IsExpression || !reference.IsComplete) return;
            _audit = Audit.LayerAudit.Run(scenario, reference, start, layers);
        }

        public PairResult Build() => new(name, Stepwise.Build(), Trajectory.Build(), _audit, SettingsDifferences);
    }
}
