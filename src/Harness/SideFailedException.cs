namespace BackpropParity.Harness;

/// <summary>Carries an exception out of one side's call, with the side and the step it was on.</summary>
public sealed class SideFailedException(string side, int? step, Exception inner)
    : Exception($"{side} failed{(step is null ? "" : $" at step {step}")}: {inner.Message}", inner)
{
    public ScenarioError Error { get; } = ScenarioError.From(side, step, inner);
}
