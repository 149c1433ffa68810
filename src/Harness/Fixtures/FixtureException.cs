namespace BackpropParity.Harness.Fixtures;

/// <summary>A fixture that is missing, unreadable, stale or of another format; the message says which and what to do.</summary>
public sealed class FixtureException(string path, string problem) : BadInputException($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
