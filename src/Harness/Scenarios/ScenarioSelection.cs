using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// What a command line names, as scenarios. An argument that ends in <c>.json</c> or names a folder is read as
/// scenario files; any other argument is an id or a base name (both dtypes), chosen from the folders given with
/// <c>--scenarios DIR</c>, or else from the built-in scenarios. No argument at all means every scenario of that pool.
/// </summary>
public static class ScenarioSelection
{
    public static IReadOnlyList<Scenario> Resolve(IReadOnlyCollection<string> arguments, IReadOnlyCollection<string>? folders = null)
    {
        folders ??= [];
        var files = arguments.Where(IsFileArgument).ToList();
        var ids = arguments.Where(a => !IsFileArgument(a)).ToList();

        var fromFiles = files.SelectMany(path => Directory.Exists(path) ? ScenarioFile.LoadFolder(path) : ScenarioFile.Load(path)).ToList();
        // The pool (and so the built-in catalog) is read only when ids choose from it, or nothing else was named.
        IReadOnlyList<Scenario> Pool() => folders.Count > 0 ? ScenarioFile.Distinct(folders.SelectMany(ScenarioFile.LoadFolder)) : ScenarioCatalog.Scenarios;
        IReadOnlyList<Scenario> chosen = ids.Count > 0 || files.Count == 0 ? ScenarioCatalog.Select(ids, Pool()) : [];
        return ScenarioFile.Distinct([.. chosen, .. fromFiles]);
    }

    /// <summary>A path to scenario files rather than an id: it ends in .json, or it is a folder.</summary>
    public static bool IsFileArgument(string argument) =>
        argument.EndsWith(ScenarioFile.Extension, StringComparison.OrdinalIgnoreCase) || Directory.Exists(argument);
}
