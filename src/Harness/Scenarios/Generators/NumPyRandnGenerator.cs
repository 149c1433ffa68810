using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// Initial parameters only, as <c>np.random.seed(seed)</c> then, per linear layer, <c>np.random.randn(out, in)·scale</c>
/// (PyTorch's [out, in] layout) draws them; biases zero. Options: seed (0), scale (1).
/// </summary>
public sealed class NumPyRandnGenerator : ScenarioGenerator
{
    public override string Name => "numpy-randn";
    public override string Summary => "parameters only: per linear layer np.random.randn(out, in)·scale after np.random.seed(seed), biases zero (options: seed, scale)";
    public override bool GivesData => false;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new NumPyRandomState((uint)Option(options, "seed", 0));
        double scale = Option(options, "scale", 1.0);
        var weights = Linears(options, layers)
            .Select(layer => (layer, NamedTensor.Create($"{layer.Name}.weight", [layer.OutFeatures, layer.InFeatures],
                random.Randn(layer.OutFeatures * layer.InFeatures).Select(v => v * scale).ToArray())))
            .ToList();
        var parameters = new List<NamedTensor>();
        foreach (var (layer, weight) in weights)
        {
            parameters.Add(weight);
            parameters.Add(NamedTensor.Create($"{layer.Name}.bias", [layer.OutFeatures], new double[layer.OutFeatures]));
        }
        return new Generated(null, null, parameters);
    }
}
