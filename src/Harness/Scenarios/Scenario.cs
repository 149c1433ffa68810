namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// A spec plus everything both sides load: inputs [batch, in], targets [batch, out] and the initial parameters
/// by name. No side draws random numbers of its own.
/// </summary>
public sealed record Scenario(ScenarioSpec Spec, NamedTensor Inputs, NamedTensor Targets, IReadOnlyList<NamedTensor> InitialParameters)
{
    public string Id => Spec.Id;

    /// <summary>The scenario file it was read from (full path); null for a built-in scenario.</summary>
    public string? File { get; init; }
}
