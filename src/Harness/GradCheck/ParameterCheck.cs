namespace BackpropParity.Harness.GradCheck;

/// <summary>How one parameter's analytic gradient, from each side, compares with the numerical one.</summary>
public sealed record ParameterCheck(
    string Parameter,
    int Elements,
    IReadOnlyDictionary<string, double> MaxRelativeError,   // by side: max over elements of |a − n| / max(|a|, |n|, floor)
    IReadOnlyList<string> Kinks,                            // elements whose nudge crossed a ReLU's 0: not compared
    bool Passed);
