using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Finds a scenario's fixture for a run: the fixture when it can be compared with, and every reason it cannot
/// (missing, unreadable, stale, damaged: <see cref="FixtureCheck.UsabilityProblems"/>), each one line that says what
/// to do. A fixture it returns can be compared with without an exception.
/// </summary>
public static class FixtureLoader
{
    public static (Fixture? Fixture, IReadOnlyList<string> Problems) Load(Scenario scenario, FixtureStore store)
    {
        string path = store.PathFor(scenario.Id);
        string regenerate = $"`{FixtureStore.RegenerateCommand(scenario)}`";
        if (Directory.Exists(path))
            return (null, [$"{path} is a folder, not a fixture file; move it away, then create the fixture with {regenerate}"]);
        if (!File.Exists(path))
            return (null, [$"{path} is missing; create it with {regenerate}"]);
        try
        {
            Fixture fixture = FixtureFile.Load(path);
            var problems = FixtureCheck.UsabilityProblems(fixture, scenario).Select(p => $"{path}: {p}").ToList();
            return problems.Count == 0 ? (fixture, []) : (null, problems);
        }
        catch (Exception exception) when (exception is SafetensorsFormatException or FixtureException)
        {
            return (null, [$"{exception.Message}; regenerate it with {regenerate}"]);
        }
    }
}
