namespace BackpropParity.Harness.Zoo;

/// <summary>The gradients never zeroed between steps.</summary>
public sealed record GradientsNotZeroed : Mistake;
