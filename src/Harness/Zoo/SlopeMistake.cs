using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A wrong backward for every layer of one kind: dL/dx element by element, from g = dL/d(output) and the layer's
/// input x or output y.
/// </summary>
public sealed record SlopeMistake(LayerKind Layer, SlopeReads Reads, Func<double, double, double> GradInput) : Mistake;
