using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// Where a bug lives, as the report must name it in every scenario that catches it: the part of the step and, for a
/// layer's part, the kind of layer (a sigmoid's backward, whichever layer of the model it is); for a setting, its name.
/// </summary>
public sealed record ExpectedSuspect(OperationPart Part, LayerKind? LayerKind = null, string? Setting = null)
{
    public bool Matches(Suspect suspect) =>
        suspect.Part == Part
        && (LayerKind is null || suspect.Layer?.Kind == LayerKind)
        && (Setting is null || suspect.Setting?.Setting == Setting);
}
