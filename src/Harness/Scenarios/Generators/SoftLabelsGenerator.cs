using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// Soft labels, as label smoothing or a teacher's probabilities give them, from SplitMix64, one stream: inputs
/// uniform in (−2, 2), targets uniform in (0.05, 0.95); then per linear layer a weight N(0, 1)·weight_scales[k] and a
/// bias N(0, 1)·bias_scale. Options: seed (67), batch (67), weight_scales (0.5 each), bias_scale (0.1).
/// </summary>
public sealed class SoftLabelsGenerator : ScenarioGenerator
{
    public override string Name => "soft-labels";
    public override string Summary => "uniform inputs, targets in (0.05, 0.95), N(0, scale²) weights and biases, from SplitMix64 (options: seed, batch, weight_scales, bias_scale)";
    public override bool GivesData => true;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new SplitMix64((ulong)Option(options, "seed", 67));
        int batch = Option(options, "batch", 67, minimum: 1);
        var linears = Linears(options, layers);
        double[] scales = PerLayer(options, "weight_scales", linears.Select(_ => 0.5).ToArray(), linears.Count);
        double biasScale = Option(options, "bias_scale", 0.1);

        double[] Uniform(int count, double lo, double hi) => Enumerable.Range(0, count).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
        var inputs = Uniform(batch * linears[0].InFeatures, -2, 2);
        var targets = Uniform(batch * linears[^1].OutFeatures, 0.05, 0.95);
        return new Generated(
            NamedTensor.Create("inputs", [batch, linears[0].InFeatures], inputs),
            NamedTensor.Create("targets", [batch, linears[^1].OutFeatures], targets),
            NormalParameters.Draw(random, linears, scales, biasScale));
    }
}

/// <summary>Per linear layer, in order: weight N(0, 1)·scale_k in [out, in] order, then bias N(0, 1)·bias_scale.</summary>
internal static class NormalParameters
{
    public static IReadOnlyList<NamedTensor> Draw(SplitMix64 random, IReadOnlyList<LayerSpec> linears, double[] scales, double biasScale)
    {
        double[] Normals(int count, double scale) => Enumerable.Range(0, count).Select(_ => random.NextNormal() * scale).ToArray();
        var parameters = new List<NamedTensor>();
        for (int k = 0; k < linears.Count; k++)
        {
            var layer = linears[k];
            parameters.Add(NamedTensor.Create($"{layer.Name}.weight", [layer.OutFeatures, layer.InFeatures], Normals(layer.OutFeatures * layer.InFeatures, scales[k])));
            parameters.Add(NamedTensor.Create($"{layer.Name}.bias", [layer.OutFeatures], Normals(layer.OutFeatures, biasScale)));
        }
        return parameters;
    }
}
