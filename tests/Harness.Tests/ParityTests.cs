using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests;

/// <summary>
/// The parity suite itself: every built-in scenario, manual against TorchSharp at every step, and both against
/// the committed fixture. A missing, unreadable or stale fixture fails the scenario. Scenarios are independent and
/// run side by side, one per core.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class ParityTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        ScenarioCatalog.Scenarios.Select(s => new TestCaseData(s).SetName($"Parity_{s.Id}_ManualTorchAndFixtureAgreeAtEveryStep"));

    [TestCaseSource(nameof(Scenarios))]
    public void ManualTorchAndFixtureAgree(Scenario scenario)
    {
        var (fixture, problems) = FixtureLoader.Load(scenario, FixtureStore.Locate());

        ScenarioResult result = ParityCheck.Run(scenario, fixture, fixtureProblems: problems);

        string report = string.Join(Environment.NewLine, ComparisonText.Lines(result));
        TestContext.Out.WriteLine(report);
        if (!result.Passed) AttachReports(scenario.Id, result);
        Assert.That(result.Passed, Is.True, report);
        Assert.That(result.Pairs.Select(p => p.Name), Is.EqualTo(new[] { ParityCheck.ManualVersusTorch, ParityCheck.ManualVersusFixture, ParityCheck.TorchVersusFixture }));
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Stepwise.StepsCompared, Is.EqualTo(scenario.Spec.Steps), "every step was compared");
        Assert.That(result.Pair(ParityCheck.TorchVersusFixture).Stepwise.StepsCompared, Is.EqualTo(fixture!.Recorded.Count), "every recorded step was replayed");
    }

    // report.md, report.json and the plots, attached to the failing test's result.
    private static void AttachReports(string scenarioId, ScenarioResult result)
    {
        string directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "reports", scenarioId);
        foreach (string path in ReportFiles.Write(directory, [result]))
            TestContext.AddTestAttachment(path, Path.GetFileName(path));
    }
}
