namespace BackpropParity.Harness.Fixtures;

/// <summary>One difference, with the line that says it ("step/3/param/fc1.weight: max |difference| 2.5e-02").</summary>
public sealed record FixtureDifference(FixtureDifferenceKind Kind, string Text);
