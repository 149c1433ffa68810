using BackpropParity.Harness;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Files;
using BackpropParity.Harness.Sides;
using NUnit.Framework;

namespace BackpropParity.NUnit;

/// <summary>
/// Derive one test class from this, name your implementation, and every built-in scenario becomes an NUnit test case
/// that runs it side by side with TorchSharp (libtorch's autograd), step by step:
/// <code>
/// public sealed class MyNetworkParity : ParitySpecification
/// {
///     protected override IImplementation Implementation => new MyNetwork();
/// }
/// </code>
/// A scenario your implementation does not support (<see cref="IImplementation.Unsupported"/>) is ignored with its
/// reason; a disagreement fails with the suite's report as the message (first mismatch: step, tensor, suspect
/// operation), and report.md, report.json and plots attached to the test.
/// Scenario files of your own (docs/scenario-files.md) join the same way, with a source and a one-line test:
/// <code>
///     public static IEnumerable&lt;TestCaseData&gt; Mine() => ScenarioFiles("my-scenarios");
///     [TestCaseSource(nameof(Mine))]
///     public void AgreesOnMyScenarios(string file, string scenarioId) => Check(file, scenarioId);
/// </code>
/// </summary>
[TestFixture]
public abstract class ParitySpecification
{
    /// <summary>The implementation under test; a fresh one is asked for per scenario.</summary>
    protected abstract IImplementation Implementation { get; }

    /// <summary>Every built-in scenario, one test case each; <see cref="Includes"/> narrows them.</summary>
    public static IEnumerable<TestCaseData> BuiltinScenarios() =>
        ScenarioCatalog.Scenarios.Select(scenario => new TestCaseData(scenario.Id).SetArgDisplayNames(scenario.Id));

    /// <summary>Whether this fixture runs <paramref name="spec"/> at all (all of them unless overridden); the rest are ignored.</summary>
    protected virtual bool Includes(ScenarioSpec spec) => true;

    /// <summary>
    /// One test case (file, scenario id) per scenario of a scenario file, or of every *.json file of a folder; a
    /// relative path starts at the test's working directory (copy the files to the output).
    /// </summary>
    public static IEnumerable<TestCaseData> ScenarioFiles(string fileOrFolder)
    {
        string path = Path.GetFullPath(fileOrFolder, TestContext.CurrentContext.WorkDirectory);
        var scenarios = Directory.Exists(path) ? ScenarioFile.LoadFolder(path) : ScenarioFile.Load(path);
        return scenarios.Select(scenario => new TestCaseData(scenario.File, scenario.Id).SetArgDisplayNames(scenario.Id));
    }

    [TestCaseSource(nameof(BuiltinScenarios))]
    public void AgreesWithLibtorch(string scenarioId) => Check(ScenarioCatalog.Get(scenarioId));

    /// <summary>The same check for a scenario of a scenario file (see <see cref="ScenarioFiles"/>).</summary>
    protected void Check(string file, string scenarioId) => Check(ScenarioFile.Load(file).Single(s => s.Id == scenarioId));

    private void Check(Scenario scenario)
    {
        string scenarioId = scenario.Id;
        var implementation = Implementation;
        if (!Includes(scenario.Spec)) Assert.Ignore($"{scenarioId}: not included by {GetType().Name}");
        if (implementation.Unsupported(scenario.Spec) is { } reason) Assert.Ignore($"{scenarioId}: {implementation.Name} does not support it ({reason})");

        var result = ParityCheck.Run(scenario, [implementation]);

        if (result.Passed) return;
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "parity-reports", $"{implementation.Name}-{scenarioId}");
        Directory.CreateDirectory(folder);
        foreach (string file in ReportFiles.Write(folder, [result])) TestContext.AddTestAttachment(file);
        Assert.Fail(string.Join(Environment.NewLine, [.. ComparisonText.Lines(result), $"(reports: {folder})"]));
    }
}
