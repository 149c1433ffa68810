namespace BackpropParity.TorchRef.Expressions;

/// <summary>
/// A scalar expression evaluated by torch: intermediate values, the loss, the gradient autograd left at each
/// intermediate (<c>retain_grad</c>) and each input (<c>.grad</c>), and any slope measured by nudging an input.
/// </summary>
public sealed record AutogradResult(
    IReadOnlyList<(string Name, double Value)> Forward,
    double Loss,
    IReadOnlyList<(string Name, double Value)> IntermediateGradients,
    IReadOnlyList<(string Name, double Value)> InputGradients,
    IReadOnlyList<(string Name, double Value)> Nudged);
