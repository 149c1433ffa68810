using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests;

/// <summary>The parity suite itself: every built-in scenario, manual against TorchSharp, every step.</summary>
public sealed class ParityTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        ScenarioCatalog.Scenarios.Select(s => new TestCaseData(s).SetName($"Parity_{s.Id}_ManualAgreesWithTorchAtEveryStep"));

    [TestCaseSource(nameof(Scenarios))]
    public void ManualAgreesWithTorch(Scenario scenario)
    {
        ParityResult result = ParityCheck.ManualVersusTorch(scenario);

        string report = string.Join(Environment.NewLine, ComparisonText.Lines(result));
        TestContext.Out.WriteLine(report);
        Assert.That(result.Passed, Is.True, report);
        Assert.That(result.Stepwise.StepsCompared, Is.EqualTo(scenario.Spec.Steps), "every step was compared");
    }
}
