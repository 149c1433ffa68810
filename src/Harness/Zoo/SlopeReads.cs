namespace BackpropParity.Harness.Zoo;

/// <summary>Which of a layer's tensors a slope is computed from.</summary>
public enum SlopeReads { Input, Output }
