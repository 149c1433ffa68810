using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// How one tensor of one step compares, expected side against actual side: how many of its elements disagree
/// (the verdict), how far apart the two are (<see cref="Distance"/>; none when the tensor could not be compared at all,
/// and then <see cref="Problem"/> says why), its worst elements, and for a failing tensor its element-wise differences
/// a − e, for the heat map.
/// </summary>
public sealed record TensorComparison(
    int Step,
    Phase Phase,
    string Name,
    int[] Shape,
    int ElementCount,
    int MismatchedCount,
    TensorDistance? Distance,
    IReadOnlyList<ElementDifference> WorstElements,
    double[]? Differences = null,
    string? Problem = null)
{
    /// <summary>True when every element is within tolerance and nothing structural is wrong.</summary>
    public bool Passed => Problem is null && MismatchedCount == 0;

    /// <summary>The largest share of its limit any element used; a tensor that could not be compared is beyond any limit.</summary>
    public double LimitUsed => Distance?.LimitUsed ?? double.PositiveInfinity;

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>A tensor that could not be compared element by element (missing, or of another shape): every element counts as failing.</summary>
    public static TensorComparison Structural(int step, Phase phase, string name, int[] shape, string problem) =>
        new(step, phase, name, shape, NamedTensor.ElementCount(shape), NamedTensor.ElementCount(shape), Distance: null, [], Problem: problem);
}
