using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A wrong loss gradient, element by element: (ŷ, y, the real dL/dŷ, N = element count) → dL/dŷ; only for
/// <see cref="Only"/> when the mistake belongs to one loss.
/// </summary>
public sealed record LossMistake(Func<double, double, double, int, double> GradInput, LossKind? Only = null) : Mistake;
