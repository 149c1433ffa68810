namespace BackpropParity.Manual.Scalar;

/// <summary>
/// A scalar expression worked by hand, as the lessons work it: the intermediate values left to right, the loss,
/// the gradient at each intermediate right to left, and the gradient with respect to each input. Where a lesson
/// also measures a slope by nudging an input, <see cref="Nudged"/> holds the measured slopes.
/// </summary>
public sealed record ChainRuleResult(
    IReadOnlyList<(string Name, double Value)> Forward,
    double Loss,
    IReadOnlyList<(string Name, double Value)> IntermediateGradients,
    IReadOnlyList<(string Name, double Value)> InputGradients,
    IReadOnlyList<(string Name, double Value)> Nudged);
