using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// How one tensor of one step compares, expected side against actual side.
/// <see cref="LimitUsed"/> is max over elements of |a − e| / (atol + rtol·|e|): at most 1 passes, and how far
/// below 1 it stays is the margin left to the tolerance. <see cref="CosineSimilarity"/> is a·e / (|a|·|e|): 1 when
/// the two point the same way, whatever their difference in size (a gradient scaled by a wrong 1/N keeps cosine 1,
/// a wrong sign gives −1). A failing tensor keeps its element-wise differences a − e, for the heat map.
/// </summary>
public sealed record TensorComparison(
    int Step,
    Phase Phase,
    string Name,
    int[] Shape,
    int ElementCount,
    int MismatchedCount,
    double MaxAbsoluteDifference,
    string MaxAbsoluteIndex,
    double MaxRelativeDifference,
    string MaxRelativeIndex,
    long MaxUlps,
    double LimitUsed,
    IReadOnlyList<ElementDifference> WorstElements,
    double CosineSimilarity = double.NaN,
    double[]? Differences = null,
    string? Problem = null,
    double MaxExpectedMagnitude = 0)
{
    /// <summary>True when every element is within tolerance and nothing structural is wrong.</summary>
    public bool Passed => Problem is null && MismatchedCount == 0;

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>A tensor that could not be compared element by element (missing, or of another shape).</summary>
    public static TensorComparison Structural(int step, Phase phase, string name, int[] shape, string problem) =>
        new(step, phase, name, shape, NamedTensor.ElementCount(shape), NamedTensor.ElementCount(shape),
            double.NaN, "", double.NaN, "", long.MaxValue, double.PositiveInfinity, [], Problem: problem);
}
