using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// The lesson "How It Actually Learns", drawn exactly as its NumPy code draws it, from one stream:
/// <code>
/// np.random.seed(seed)
/// make_spiral(n, 2): per class c, r = linspace(0, 1, n), t = linspace(4c, 4(c+1), n) + randn(n)·0.2,
///                    X = [r·sin t, r·cos t], y = c
/// then per linear layer W = randn(in, out)·weight_scale (the lesson's [in, out] layout: X @ W), b = 0
/// </code>
/// PyTorch's <c>fc.weight</c> is W's transpose, [out, in]. Options: seed (42), points_per_class (100), weight_scale (0.5).
/// </summary>
public sealed class LessonSpiralGenerator : ScenarioGenerator
{
    public override string Name => "lesson-spiral";
    public override string Summary => "the lesson's two-arm spiral and weights from np.random.seed(seed), NumPy's own draws (options: seed, points_per_class, weight_scale)";
    public override bool GivesData => true;

    protected override Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var random = new NumPyRandomState((uint)Option(options, "seed", 42));
        int perClass = Option(options, "points_per_class", 100, minimum: 2);
        double scale = Option(options, "weight_scale", 0.5);
        var linears = Linears(options, layers, inputs: 2, outputs: 1);

        const int classes = 2;
        var points = new double[perClass * classes * 2];
        var labels = new double[perClass * classes];
        for (int c = 0; c < classes; c++)
        {
            double[] radius = NumPyFunctions.Linspace(0.0, 1, perClass);
            double[] angle = NumPyFunctions.Linspace(c * 4, (c + 1) * 4, perClass);
            double[] noise = random.Randn(perClass);
            for (int i = 0; i < perClass; i++)
            {
                double t = angle[i] + noise[i] * 0.2;
                int row = c * perClass + i;
                points[2 * row] = radius[i] * Math.Sin(t);
                points[2 * row + 1] = radius[i] * Math.Cos(t);
                labels[row] = c;
            }
        }
        var parameters = new List<NamedTensor>();
        foreach (var layer in linears)
        {
            var inOut = NamedTensor.Create($"{layer.Name}.weight", [layer.InFeatures, layer.OutFeatures],
                random.Randn(layer.InFeatures * layer.OutFeatures).Select(v => v * scale).ToArray());
            parameters.Add(inOut.Transposed());
            parameters.Add(NamedTensor.Create($"{layer.Name}.bias", [layer.OutFeatures], new double[layer.OutFeatures]));
        }
        return new Generated(
            NamedTensor.Create("inputs", [perClass * classes, 2], points),
            NamedTensor.Create("targets", [perClass * classes, 1], labels),
            parameters);
    }
}
