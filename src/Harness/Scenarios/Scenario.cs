namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// A spec plus everything both sides load: inputs [batch, in], targets [batch, out] and the initial parameters
/// by name. No side draws random numbers of its own.
/// </summary>
public sealed record Scenario(ScenarioSpec Spec, NamedTensor Inputs, NamedTensor Targets, IReadOnlyList<NamedTensor> InitialParameters)
{
    public string Id => Spec.Id;
}
