namespace BackpropParity.Harness.Scenarios.Files;

/// <summary>
/// A scenario file that cannot be used: one line with the file, the place in it (a JSON path such as
/// <c>layers[2].in_features</c>) and the problem. The program exits with its bad-input code.
/// </summary>
public sealed class ScenarioFileException(string file, string place, string problem)
    : BadInputException(place.Length == 0 ? $"{file}: {problem}" : $"{file}: {place} {problem}")
{
    public string File { get; } = file;
    public string Place { get; } = place;
}
