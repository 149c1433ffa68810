namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// One layer: its PyTorch module name (<c>fc1</c>, <c>relu1</c>), its kind and, for a linear layer, its sizes.
/// </summary>
public sealed record LayerSpec(string Name, LayerKind Kind, int InFeatures = 0, int OutFeatures = 0)
{
    public static LayerSpec Linear(string name, int inFeatures, int outFeatures) => new(name, LayerKind.Linear, inFeatures, outFeatures);
    public static LayerSpec Sigmoid(string name) => new(name, LayerKind.Sigmoid);
    public static LayerSpec Tanh(string name) => new(name, LayerKind.Tanh);
    public static LayerSpec ReLU(string name) => new(name, LayerKind.ReLU);
}
