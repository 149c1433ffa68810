using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// The shape of MNIST without the download, from SplitMix64, one stream: each of the classes (the last layer's outputs)
/// has a prototype image of uniform [0, 1) pixels (the first layer's inputs); each of the batch's samples picks a
/// class uniformly and is 0.6·its prototype + 0.4·uniform noise, so the task is learnable. Then per linear layer, as
/// torch.nn.Linear starts: weight, then bias, uniform in ±1/√in. Options: seed (784), batch (128).
/// </summary>
public sealed class MnistShapedGenerator : ScenarioGenerator
{
    public override string Name => "mnist-shaped";
    public override string Summary => "prototype images plus noise per class, torch.nn.Linear's uniform ±1/√in start, from SplitMix64 (options: seed, batch)";
    public override bool GivesData => true;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new SplitMix64((ulong)Option(options, "seed", 784));
        int batch = Option(options, "batch", 128, minimum: 1);
        var linears = Linears(options, layers);
        int pixels = linears[0].InFeatures, classes = linears[^1].OutFeatures;

        double[] Uniform(int count, double low, double high) =>
            Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
        double[][] prototypes = Enumerable.Range(0, classes).Select(_ => Uniform(pixels, 0, 1)).ToArray();
        var labels = new double[batch];
        var images = new double[batch * pixels];
        for (int b = 0; b < batch; b++)
        {
            int label = (int)(random.NextDouble() * classes);
            labels[b] = label;
            for (int p = 0; p < pixels; p++) images[b * pixels + p] = 0.6 * prototypes[label][p] + 0.4 * random.NextDouble();
        }
        var parameters = new List<NamedTensor>();
        foreach (var layer in linears)
        {
            double bound = 1 / Math.Sqrt(layer.InFeatures);
            parameters.Add(NamedTensor.Create($"{layer.Name}.weight", [layer.OutFeatures, layer.InFeatures], Uniform(layer.OutFeatures * layer.InFeatures, -bound, bound)));
            parameters.Add(NamedTensor.Create($"{layer.Name}.bias", [layer.OutFeatures], Uniform(layer.OutFeatures, -bound, bound)));
        }
        return new Generated(NamedTensor.Create("inputs", [batch, pixels], images), NamedTensor.Create("targets", [batch, 1], labels), parameters);
    }
}
