using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>A layer of a scenario's model: its position (0 = first), its name and its kind.</summary>
public readonly record struct LayerRef(int Index, string Name, LayerKind Kind);
