namespace BackpropParity.Harness.GradCheck;

/// <summary>The third witness at one point of a run: every parameter, the mode, the cost, the thresholds used.</summary>
public sealed record GradientCheckResult(
    string ScenarioId,
    int Step,
    string Mode,
    int ForwardPasses,
    double Threshold,
    double Floor,
    string NumericalDtype,
    IReadOnlyList<ParameterCheck> Parameters)
{
    public bool Passed => Parameters.All(p => p.Passed);

    /// <summary>The sides the numerical witness disagrees with.</summary>
    public IReadOnlyList<string> Disagreeing =>
        Parameters.SelectMany(p => p.MaxRelativeError.Where(e => e.Value > Threshold).Select(e => e.Key)).Distinct().ToList();
}
