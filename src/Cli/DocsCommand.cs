using BackpropParity.Harness.Claims;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.GradCheck;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;
using BackpropParity.Harness.Zoo;

namespace BackpropParity.Cli;

/// <summary>
/// <c>docs [--check]</c>: makes every measured table in docs/ anew by running what measures it (claims, the zoo,
/// the tolerances, the numerical witness, PyTorch's replay), or with <c>--check</c> says where a page no longer
/// matches a fresh run on the columns that do not depend on the machine (exit 1), writing nothing.
/// </summary>
public static class DocsCommand
{
    /// <summary>Each table docs/ may hold, by name, and how to measure it.</summary>
    public static readonly IReadOnlyDictionary<string, Func<ResultTable>> Tables = new Dictionary<string, Func<ResultTable>>
    {
        ["claims"] = () => ClaimTables.All(ClaimCatalog.EvaluateAll()),
        ["claim-findings"] = () => ClaimTables.Findings(ClaimCatalog.EvaluateAll()),
        ["zoo"] = () => ZooTable.From(ZooRunner.Run(), ZooRunner.FalseAlarms()),
        ["tolerances"] = () => ToleranceTables.ByScenario(ToleranceEvidence.ForScenarios(ScenarioCatalog.Scenarios)),
        ["gradcheck"] = () => GradCheckTables.ByScenario(ThreeWitnesses.ForScenarios(ScenarioCatalog.Scenarios)),
        ["pytorch-replay"] = () => PyTorchReplays(ScenarioCatalog.Scenarios, FixtureStore.Locate()),
    };

    public static int Execute(bool check)
    {
        var pages = Pages();
        var stored = StoredTables(pages);
        foreach (var unknown in stored.Where(t => !Tables.ContainsKey(t.Name)))
            throw new BadInputException($"{unknown.Page}: no verb measures a table named '{unknown.Name}' (known: {string.Join(", ", Tables.Keys)}).");
        var fresh = stored.Select(t => t.Name).Distinct().ToDictionary(name => name, name => Tables[name]());

        if (check)
        {
            var drift = stored.SelectMany(t => t.Drift(fresh[t.Name])).ToList();
            foreach (string line in drift) Console.Error.WriteLine($"drift: {line}");
            Console.Out.WriteLine(drift.Count == 0
                ? $"{stored.Count} measured tables in docs/ match a fresh run."
                : $"{drift.Count} differences: run `backprop-parity docs` to measure the tables anew, and read the diff.");
            return drift.Count == 0 ? Program.Agree : Program.Disagree;
        }
        foreach (var (path, text) in pages)
        {
            string rewritten = DocTable.Rewrite(text, fresh);
            if (rewritten == text.ReplaceLineEndings("\n")) continue;
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, rewritten);
            File.Move(temporary, path, overwrite: true);
            Console.Out.WriteLine($"rewrote {Path.GetFileName(path)}");
        }
        Console.Out.WriteLine($"{stored.Count} measured tables in docs/ made anew.");
        return Program.Agree;
    }

    /// <summary>Every page of docs/, in name order, with its text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Pages() =>
        Directory.GetFiles(DocsFolder(), "*.md").Order(StringComparer.Ordinal).Select(path => (path, File.ReadAllText(path))).ToList();

    /// <summary>The measured tables the pages hold, but the benchmarks' (the benchmarks write and own those).</summary>
    public static IReadOnlyList<DocTable> StoredTables(IReadOnlyList<(string Path, string Text)> pages) =>
        pages.SelectMany(p => DocTable.In($"docs/{Path.GetFileName(p.Path)}", p.Text))
            .Where(t => !t.Name.StartsWith(DocTable.BenchmarkPrefix, StringComparison.Ordinal)).ToList();

    public static string DocsFolder() =>
        ProjectFolder.Find(Path.Combine("docs", "claims.md")) is string root ? Path.Combine(root, "docs")
            : throw new BadInputException("docs/ not found above the current folder: run `docs` from a checkout of BackpropParity.");

    private static ResultTable PyTorchReplays(IReadOnlyList<Scenario> scenarios, FixtureStore store)
    {
        var (python, unavailable) = PythonReplay.Locate();
        if (python is null) throw new BadInputException($"the pytorch-replay table needs PyTorch: {unavailable}.");
        var loaded = scenarios.Select(s => (Scenario: s, Fixture: FixtureLoader.Load(s, store).Fixture!)).Where(l => l.Fixture is not null).ToList();
        var replays = python.ReplayAll(loaded);
        return ReplayTable.From(loaded.Select((l, i) => (l.Scenario, PythonReplay.Compare(l.Scenario, l.Fixture, replays[i], null))).ToList(), python.TorchVersion);
    }
}
