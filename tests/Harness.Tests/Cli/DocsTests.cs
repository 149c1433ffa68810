using BackpropParity.Harness.Tests.Python;
using BackpropParity.Cli;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Zoo;

namespace BackpropParity.Harness.Tests.Cli;

/// <summary>
/// The docs cannot drift: every measured table in docs/ equals a fresh run of the verb that measures it, on the columns
/// that do not depend on the machine; the README's failure example is what the suite prints for that bug.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class DocsTests
{
    private static readonly Lazy<IReadOnlyList<DocTable>> Stored = new(() => DocsCommand.StoredTables(DocsCommand.Pages()));

    private static IEnumerable<TestCaseData> TableNames() =>
        DocsCommand.Tables.Keys.Select(name => new TestCaseData(name).SetName($"Docs_Table_{name}_MatchesAFreshRun"));

    [TestCaseSource(nameof(TableNames))]
    public void EveryMeasuredTableInDocs_MatchesAFreshRunOfItsVerb(string name)
    {
        var stored = Stored.Value.Where(t => t.Name == name).ToList();
        Assert.That(stored, Is.Not.Empty, $"no page of docs/ holds the table {name}");
        if (name == "pytorch-replay" && PythonReplay.Locate().Replay is null && !PythonRequirement.Required)
            Assert.Ignore("the PyTorch replay table needs a Python with torch");

        var fresh = DocsCommand.Tables[name]();

        Assert.That(stored.SelectMany(t => t.Drift(fresh)), Is.Empty, "run `dotnet run --project src/Cli -- docs` and read the diff");
    }

    [Test]
    public void EveryTableInDocs_IsOneAVerbMeasures()
    {
        Assert.That(Stored.Value.Select(t => t.Name).Where(name => !DocsCommand.Tables.ContainsKey(name)), Is.Empty);
    }

    [Test]
    public void TheReadmesFailureExample_IsWhatTheSuitePrintsForThatBug()
    {
        string readme = File.ReadAllText(Path.Combine(DocsCommand.DocsFolder(), "..", "README.md")).ReplaceLineEndings("\n");
        string example = readme[readme.IndexOf("three-input-neuron-float64  manual", StringComparison.Ordinal)..];
        example = example[..example.IndexOf("```", StringComparison.Ordinal)].TrimEnd('\n');

        var scenario = ScenarioCatalog.Get("three-input-neuron-float64");
        var result = ParityCheck.Run(scenario, manualLayers: MutantCatalog.All.Single(m => m.Id == "sigmoid-slope-missing").For(scenario.Spec));
        var printed = ComparisonText.Lines(result);

        Assert.That(printed.Take(example.Split('\n').Length), Is.EqualTo(example.Split('\n')));
    }
}
