using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// The project's spiral, from its own seeded generator (SplitMix64), one stream: for class c and point i of n,
/// r = i/(n − 1), t = 4c + 4r + N(0, 1)·noise, the point (r·sin t, r·cos t), its label c ([batch, 1]: a 0/1 target
/// for one sigmoid output, a class index for softmax); then per linear layer weights N(0, 1)·weight_scale in
/// PyTorch's [out, in] order, biases zero. Options: seed (42), classes (2), points_per_class (100), noise (0.2),
/// weight_scale (0.5).
/// </summary>
public sealed class SpiralGenerator : ScenarioGenerator
{
    public override string Name => "spiral";
    public override string Summary => "the project's spiral arms and N(0, scale²) weights from SplitMix64 (options: seed, classes, points_per_class, noise, weight_scale)";
    public override bool GivesData => true;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new SplitMix64((ulong)Option(options, "seed", 42));
        int classes = Option(options, "classes", 2, minimum: 2);
        int perClass = Option(options, "points_per_class", 100, minimum: 2);
        double noise = Option(options, "noise", 0.2), scale = Option(options, "weight_scale", 0.5);
        var linears = Linears(options, layers, inputs: 2);
        int outputs = linears[^1].OutFeatures;
        if (outputs != classes && !(classes == 2 && outputs == 1))
            throw options.Problem($"draws {classes} classes: the last linear layer should give {classes} scores (or 1 for two classes), not {outputs}");

        var points = new double[perClass * classes * 2];
        var labels = new double[perClass * classes];
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double radius = (double)i / (perClass - 1);
                double angle = 4.0 * c + 4.0 * radius + random.NextNormal() * noise;
                int row = c * perClass + i;
                points[2 * row] = radius * Math.Sin(angle);
                points[2 * row + 1] = radius * Math.Cos(angle);
                labels[row] = c;
            }
        }
        var parameters = new List<NamedTensor>();
        foreach (var layer in linears)
        {
            parameters.Add(NamedTensor.Create($"{layer.Name}.weight", [layer.OutFeatures, layer.InFeatures],
                Enumerable.Range(0, layer.OutFeatures * layer.InFeatures).Select(_ => random.NextNormal() * scale).ToArray()));
            parameters.Add(NamedTensor.Create($"{layer.Name}.bias", [layer.OutFeatures], new double[layer.OutFeatures]));
        }
        return new Generated(
            NamedTensor.Create("inputs", [perClass * classes, 2], points),
            NamedTensor.Create("targets", [perClass * classes, 1], labels),
            parameters);
    }
}
