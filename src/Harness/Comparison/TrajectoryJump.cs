namespace BackpropParity.Harness.Comparison;

/// <summary>Where a loss jumped: its share of the tolerance there, and the largest share in the steps before.</summary>
public sealed record TrajectoryJump(int Step, double Share, double ShareBefore);
