using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Finds a scenario's fixture for a run: the fixture when it can be compared with, and every reason it cannot
/// (missing, unreadable, stale), each one line that says what to do.
/// </summary>
public static class FixtureLoader
{
    public static (Fixture? Fixture, IReadOnlyList<string> Problems) Load(Scenario scenario, FixtureStore store)
    {
        string path = store.PathFor(scenario.Id);
        string regenerate = $"`{FixtureStore.RegenerateCommand(scenario.Id)}`";
        if (!File.Exists(path))
            return (null, [$"{path} is missing; create it with {regenerate}"]);
        try
        {
            Fixture fixture = FixtureFile.Load(path);
            var stale = FixtureCheck.StaleProblems(fixture, scenario).Select(p => $"{path}: {p}").ToList();
            return stale.Count == 0 ? (fixture, []) : (null, stale);
        }
        catch (Exception exception) when (exception is SafetensorsFormatException or FixtureException)
        {
            return (null, [$"{exception.Message}; regenerate it with {regenerate}"]);
        }
    }
}
