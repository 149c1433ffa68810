namespace BackpropParity.Harness.Scenarios;

/// <summary>A scenario id that the catalog does not know; the message lists the ones it does.</summary>
public sealed class UnknownScenarioException(string id, IEnumerable<string> known)
    : BadInputException($"Unknown scenario '{id}'. Known scenarios: {string.Join(", ", known)}. Run `list` to see them.")
{
    public string ScenarioId { get; } = id;
}
