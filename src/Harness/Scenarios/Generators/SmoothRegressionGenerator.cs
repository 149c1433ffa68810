using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// A smooth regression target from SplitMix64, one stream: inputs x ~ N(0, 1), targets y[b, o] = sin(x[b, o] +
/// 0.5·x[b, o + 2]) + 0.1·o (so the network needs at least outputs + 2 inputs); then per linear layer a weight
/// N(0, 1)·weight_scales[k] and a bias N(0, 1)·bias_scale. Options: seed (13), batch (13), weight_scales (0.5 each),
/// bias_scale (0.1).
/// </summary>
public sealed class SmoothRegressionGenerator : ScenarioGenerator
{
    public override string Name => "smooth-regression";
    public override string Summary => "normal inputs, targets sin(x[o] + 0.5·x[o+2]) + 0.1·o, N(0, scale²) weights and biases, from SplitMix64 (options: seed, batch, weight_scales, bias_scale)";
    public override bool GivesData => true;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new SplitMix64((ulong)Option(options, "seed", 13));
        int batch = Option(options, "batch", 13, minimum: 1);
        var linears = Linears(options, layers);
        double[] scales = PerLayer(options, "weight_scales", linears.Select(_ => 0.5).ToArray(), linears.Count);
        double biasScale = Option(options, "bias_scale", 0.1);
        int inputs = linears[0].InFeatures, outputs = linears[^1].OutFeatures;
        if (inputs < outputs + 2) throw options.Problem($"needs at least outputs + 2 = {outputs + 2} input features, the first linear layer takes {inputs}");

        var x = Enumerable.Range(0, batch * inputs).Select(_ => random.NextNormal() * 1.0).ToArray();
        var y = new double[batch * outputs];
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < outputs; o++)
                y[b * outputs + o] = Math.Sin(x[b * inputs + o] + 0.5 * x[b * inputs + o + 2]) + 0.1 * o;
        return new Generated(
            NamedTensor.Create("inputs", [batch, inputs], x),
            NamedTensor.Create("targets", [batch, outputs], y),
            NormalParameters.Draw(random, linears, scales, biasScale));
    }
}
