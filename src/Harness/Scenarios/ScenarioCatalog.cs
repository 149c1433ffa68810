using System.Reflection;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// The built-in scenarios: the scenario files of the repository's <c>scenarios/</c> folder, carried inside this
/// library, read in file-name order. Each file gives one scenario per dtype it lists.
/// </summary>
public static class ScenarioCatalog
{
    private const string ResourcePrefix = "scenarios/";

    private static readonly Lazy<IReadOnlyList<Scenario>> All = new(() =>
    {
        var assembly = Assembly.GetExecutingAssembly();
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return ScenarioFile.Distinct(names.SelectMany(name =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return ScenarioFile.Parse(reader.ReadToEnd(), name, folder: null);
        }));
    });

    public static IReadOnlyList<Scenario> Scenarios => All.Value;

    /// <summary>One built-in scenario by its exact id.</summary>
    public static Scenario Get(string id) => Scenarios.FirstOrDefault(s => s.Id == id) ?? throw new UnknownScenarioException(id, Scenarios.Select(s => s.Id));

    /// <summary>
    /// Resolves ids: an exact id (<c>spiral-relu-bce-float32</c>) or a base name that selects every dtype
    /// (<c>spiral-relu-bce</c>). No ids means every scenario. An unknown id is an error that lists the known ones.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyCollection<string> ids) => Select(ids, Scenarios);

    /// <summary>The same resolution over any set of scenarios (those of scenario files, say).</summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyCollection<string> ids, IReadOnlyList<Scenario> scenarios)
    {
        if (ids.Count == 0) return scenarios;
        var selected = new List<Scenario>();
        foreach (string id in ids)
        {
            var matches = scenarios.Where(s => s.Id == id || s.Id.StartsWith(id + "-", StringComparison.Ordinal)
                                                           && DTypeSuffix(s.Id[(id.Length + 1)..])).ToList();
            if (matches.Count == 0)
                throw new UnknownScenarioException(id, scenarios.Select(s => s.Id));
            selected.AddRange(matches.Where(m => !selected.Contains(m)));
        }
        return selected;
    }

    private static bool DTypeSuffix(string suffix) => suffix is "float32" or "float64";
}
