using System.Text.Json.Serialization;

namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// What to run, as plain data: the model, the loss, the optimizer, how many steps, in which dtype, and how
/// close the two sides must stay. A run that is meant to produce NaN or Inf (to show a divergence) says why in
/// <see cref="NonFiniteExpected"/>; otherwise a reference run containing them is refused as a fixture.
/// A scalar example (a lesson's chain rule worked by hand) names its <see cref="Expression"/> instead of layers:
/// its inputs are the scenario's parameters, one evaluation is its one step, and nothing is updated. Data and initial parameters travel beside it in <see cref="Scenario"/>.
/// </summary>
public sealed record ScenarioSpec(
    string Id,
    string Description,
    [property: JsonPropertyName("dtype")] DType DType,
    IReadOnlyList<LayerSpec> Layers,
    LossKind Loss,
    OptimizerSpec Optimizer,
    int Steps,
    ToleranceSpec? Tolerance = null,
    string? NonFiniteExpected = null,
    string? Expression = null)
{
    /// <summary>The tolerance in force: the scenario's override, or the dtype's default.</summary>
    [JsonIgnore]
    public bool IsExpression => Expression is not null;

    [JsonIgnore]
    public ToleranceSpec EffectiveTolerance => Tolerance ?? ToleranceSpec.DefaultFor(DType);
}
