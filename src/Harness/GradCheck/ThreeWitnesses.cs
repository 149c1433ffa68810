using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.GradCheck;

/// <summary>
/// Manual, TorchSharp and the numerical witness side by side: at the scenario's starting point, and at the start of
/// the fixture's last recorded step (trained weights), each side computes its analytic gradient and
/// <see cref="GradientCheck"/> measures the numerical one.
/// </summary>
public static class ThreeWitnesses
{
    /// <summary>The numerical witness at every scenario's start and at its fixture's last recorded step (fixture beside a scenario file, or under <paramref name="fixturesDirectory"/>).</summary>
    public static IReadOnlyList<GradientCheckResult> ForScenarios(IEnumerable<Scenario> scenarios, string? fixturesDirectory = null, string mode = "auto") =>
        scenarios.SelectMany(s => Run(s, FixtureLoader.Load(s, FixtureStore.For(s, fixturesDirectory)).Fixture, mode)).ToList();

    public static IReadOnlyList<GradientCheckResult> Run(Scenario scenario, Fixture? fixture = null, string mode = "auto",
        IManualFactory? manual = null, Func<Scenario, ISession>? reference = null)
    {
        var points = new List<(int Step, IReadOnlyList<NamedTensor> Parameters)> { (0, scenario.InitialParameters) };
        if (fixture is not null && fixture.Recorded.Count > 1)
        {
            var (step, recorded) = fixture.Recorded.Last();
            points.Add((step, recorded.StartParameters));
        }

        using ISession manualSession = new ManualRunner(manual).StartSession(scenario);
        using ISession torchSession = reference?.Invoke(scenario) ?? new TorchRunner().StartSession(scenario);
        var results = new List<GradientCheckResult>();
        foreach (var (step, parameters) in points)
        {
            var analytic = new Dictionary<string, IReadOnlyDictionary<string, double[]>>
            {
                ["manual"] = Gradients(manualSession, parameters, step),
                ["torch"] = Gradients(torchSession, parameters, step),
            };
            results.Add(GradientCheck.Run(scenario, step, parameters, analytic, mode));
        }
        return results;
    }

    private static IReadOnlyDictionary<string, double[]> Gradients(ISession session, IReadOnlyList<NamedTensor> parameters, int step)
    {
        session.LoadParameters(parameters);
        return session.Step(step).Tensors.Where(t => t.Phase == Phase.Gradient && t.Name.StartsWith("grad/", StringComparison.Ordinal))
            .ToDictionary(t => t.Name["grad/".Length..], t => t.Tensor.Values);
    }
}
