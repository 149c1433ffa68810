namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// What to run, as plain data: the model, the loss, the optimizer, how many steps, in which dtype, and how
/// close the two sides must stay. Data and initial parameters travel beside it in <see cref="Scenario"/>.
/// </summary>
public sealed record ScenarioSpec(
    string Id,
    string Description,
    DType DType,
    IReadOnlyList<LayerSpec> Layers,
    LossKind Loss,
    OptimizerSpec Optimizer,
    int Steps,
    ToleranceSpec? Tolerance = null)
{
    /// <summary>The tolerance in force: the scenario's override, or the dtype's default.</summary>
    public ToleranceSpec EffectiveTolerance => Tolerance ?? ToleranceSpec.DefaultFor(DType);
}
