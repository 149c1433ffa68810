using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// A 2-16-1 network (ReLU hidden layer, sigmoid output) trained with mean binary cross-entropy and SGD lr 0.5
/// for 5000 steps on a two-class spiral of 200 points: the shape of the lesson "Build a Neural Network from
/// Scratch". Data and weights here come from this project's own seeded generator, not the lesson's NumPy draws.
/// </summary>
public static class SpiralReluBce
{
    public const string BaseId = "spiral-relu-bce";
    private const int PointsPerClass = 100;
    private const int Hidden = SpiralNetwork.Hidden;
    private const ulong Seed = 42;

    public static Scenario Create(DType dtype)
    {
        var random = new SplitMix64(Seed);
        var (inputs, targets) = MakeSpiral(random, PointsPerClass, noise: 0.2);

        // Small random weights (standard normal × 0.5), zero biases, in PyTorch's [out, in] layout.
        double[] Normals(int count) => Enumerable.Range(0, count).Select(_ => random.NextNormal() * 0.5).ToArray();

        return new Scenario(
            SpiralNetwork.Spec($"{BaseId}-{dtype.Name()}", "2-16-1 ReLU/sigmoid MLP, mean BCE, SGD lr 0.5, 200-point two-class spiral, 5000 steps", dtype),
            inputs,
            targets,
            SpiralNetwork.Parameters(Normals(Hidden * 2), Normals(Hidden)));
    }

    // Class c's points run out along an arm: radius r from 0 to 1, angle t from 4c to 4(c+1) plus noise;
    // the point is (r·sin t, r·cos t), its label c.
    private static (NamedTensor Inputs, NamedTensor Targets) MakeSpiral(SplitMix64 random, int perClass, double noise)
    {
        const int classes = 2;
        var points = new double[perClass * classes * 2];
        var labels = new double[perClass * classes];
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double fraction = (double)i / (perClass - 1);
                double radius = fraction;
                double angle = 4.0 * c + 4.0 * fraction + random.NextNormal() * noise;
                int row = c * perClass + i;
                points[2 * row] = radius * Math.Sin(angle);
                points[2 * row + 1] = radius * Math.Cos(angle);
                labels[row] = c;
            }
        }
        return (NamedTensor.Create("inputs", [perClass * classes, 2], points),
                NamedTensor.Create("targets", [perClass * classes, 1], labels));
    }
}
