namespace BackpropParity.Harness.Comparison;

/// <summary>
/// A value within rounding of a kink that the two sides put on opposite sides of it: a ReLU input near 0 (one side
/// passes the gradient, the other stops it), or a binary cross-entropy prediction ŷ that is exactly 1 (or 0) on one
/// side only (torch's backward (ŷ − y) / max(ŷ(1 − ŷ), 1e-12) is 0 there and −1/N a rounding away). Two correct
/// implementations that round differently (float32 computed in double, say) then differ in that gradient element, and
/// everything the backward computes from it, by far more than the tolerance. That is rounding at a kink, not a bug.
/// </summary>
/// <param name="Kink">The kinked operation: <c>ReLU relu1</c>, <c>binary cross-entropy's guard at ŷ(1 − ŷ) = 0</c>.</param>
/// <param name="Input">The tensor the ReLU reads (<c>act/fc1</c>).</param>
/// <param name="Index">Where, in the input (<c>[13, 5]</c>).</param>
/// <param name="Expected">The input on the expected side.</param>
/// <param name="Actual">The input on the actual side.</param>
public sealed record KinkFlip(string Kink, string Input, string Index, double Expected, double Actual);
