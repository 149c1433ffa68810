using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// Three spiral arms, 100 points each, classified by a 2-16-3 network (ReLU hidden layer, raw scores out) with
/// softmax cross-entropy on integer class targets, SGD lr 0.5, 1000 steps. The project's seeded generator
/// (SplitMix64, seed 3) draws the angle noise and the N(0, 0.5²) weights.
/// </summary>
public static class SpiralSoftmax
{
    private const int PointsPerClass = 100, Classes = 3, Hidden = 16;

    public static Scenario Create(DType dtype)
    {
        var random = new SplitMix64(3);
        var points = new double[PointsPerClass * Classes * 2];
        var labels = new double[PointsPerClass * Classes];
        for (int c = 0; c < Classes; c++)
        {
            for (int i = 0; i < PointsPerClass; i++)
            {
                double radius = (double)i / (PointsPerClass - 1);
                double angle = 4.0 * c + 4.0 * radius + random.NextNormal() * 0.2;
                int row = c * PointsPerClass + i;
                (points[2 * row], points[2 * row + 1]) = (radius * Math.Sin(angle), radius * Math.Cos(angle));
                labels[row] = c;
            }
        }
        double[] Normals(int count) => Enumerable.Range(0, count).Select(_ => random.NextNormal() * 0.5).ToArray();

        return new Scenario(
            new ScenarioSpec($"spiral-softmax-{dtype.Name()}",
                "three spiral arms, 2-16-3 ReLU network, softmax cross-entropy on class indices, SGD lr 0.5, 1000 steps",
                dtype,
                [LayerSpec.Linear("fc1", 2, Hidden), LayerSpec.ReLU("relu1"), LayerSpec.Linear("fc2", Hidden, Classes)],
                LossKind.SoftmaxCrossEntropy, OptimizerSpec.Sgd(0.5), Steps: 1000),
            NamedTensor.Create("inputs", [PointsPerClass * Classes, 2], points),
            NamedTensor.Create("targets", [PointsPerClass * Classes, 1], labels),
            [
                NamedTensor.Create("fc1.weight", [Hidden, 2], Normals(Hidden * 2)), NamedTensor.Create("fc1.bias", [Hidden], new double[Hidden]),
                NamedTensor.Create("fc2.weight", [Classes, Hidden], Normals(Classes * Hidden)), NamedTensor.Create("fc2.bias", [Classes], new double[Classes]),
            ]);
    }
}
