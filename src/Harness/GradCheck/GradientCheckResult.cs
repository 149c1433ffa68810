namespace BackpropParity.Harness.GradCheck;

/// <summary>How one parameter's analytic gradient, from each side, compares with the numerical one.</summary>
public sealed record ParameterCheck(
    string Parameter,
    int Elements,
    IReadOnlyDictionary<string, double> MaxRelativeError,   // by side: max over elements of |a − n| / max(|a|, |n|, floor)
    IReadOnlyList<string> Kinks,                            // elements whose nudge crossed a ReLU's 0: not compared
    bool Passed);

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
