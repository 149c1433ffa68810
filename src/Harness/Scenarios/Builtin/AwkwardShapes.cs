using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// Networks of the sizes people actually write, which the lessons' tidy ones miss: widths and batches that are no
/// multiple of any register width (so every kernel's scalar tail runs), soft labels, a mean over many elements, two
/// hidden layers of different kinds, a linear output. Data and weights from the project's seeded generator.
/// </summary>
public static class AwkwardShapes
{
    /// <summary>
    /// 3-15-7-2: ReLU then tanh hidden layers, sigmoid outputs, binary cross-entropy on soft labels (targets in (0, 1),
    /// as label smoothing or a teacher's probabilities give them), 67 samples, SGD lr 0.3, 300 steps.
    /// </summary>
    public static Scenario SoftLabels(DType dtype)
    {
        const int batch = 67, inputs = 3, hidden1 = 15, hidden2 = 7, outputs = 2;
        var random = new SplitMix64(67);
        double[] Uniform(int count, double lo, double hi) => Enumerable.Range(0, count).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
        double[] Normals(int count, double scale) => Enumerable.Range(0, count).Select(_ => random.NextNormal() * scale).ToArray();

        var x = Uniform(batch * inputs, -2, 2);
        var targets = Uniform(batch * outputs, 0.05, 0.95);
        return new Scenario(
            new ScenarioSpec($"soft-labels-3-15-7-2-{dtype.Name()}",
                "3-15-7-2 ReLU/tanh/sigmoid network, BCE on soft labels in (0.05, 0.95), 67 samples (no register width divides a size), SGD lr 0.3, 300 steps",
                dtype,
                [
                    LayerSpec.Linear("fc1", inputs, hidden1), LayerSpec.ReLU("relu1"),
                    LayerSpec.Linear("fc2", hidden1, hidden2), LayerSpec.Tanh("tanh2"),
                    LayerSpec.Linear("fc3", hidden2, outputs), LayerSpec.Sigmoid("sigmoid3"),
                ],
                LossKind.BinaryCrossEntropy, OptimizerSpec.Sgd(0.3), Steps: 300),
            NamedTensor.Create("inputs", [batch, inputs], x),
            NamedTensor.Create("targets", [batch, outputs], targets),
            [
                NamedTensor.Create("fc1.weight", [hidden1, inputs], Normals(hidden1 * inputs, 0.6)),
                NamedTensor.Create("fc1.bias", [hidden1], Normals(hidden1, 0.1)),
                NamedTensor.Create("fc2.weight", [hidden2, hidden1], Normals(hidden2 * hidden1, 0.3)),
                NamedTensor.Create("fc2.bias", [hidden2], Normals(hidden2, 0.1)),
                NamedTensor.Create("fc3.weight", [outputs, hidden2], Normals(outputs * hidden2, 0.4)),
                NamedTensor.Create("fc3.bias", [outputs], Normals(outputs, 0.1)),
            ]);
    }

    /// <summary>
    /// 5-9-3 with a tanh hidden layer and a linear output, mean squared error over 13 × 3 = 39 elements (so its 1/N is
    /// not 1), a smooth regression target, SGD lr 0.05, 200 steps.
    /// </summary>
    public static Scenario Regression(DType dtype)
    {
        const int batch = 13, inputs = 5, hidden = 9, outputs = 3;
        var random = new SplitMix64(13);
        double[] Normals(int count, double scale) => Enumerable.Range(0, count).Select(_ => random.NextNormal() * scale).ToArray();

        var x = Normals(batch * inputs, 1.0);
        var y = new double[batch * outputs];
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < outputs; o++)
                y[b * outputs + o] = Math.Sin(x[b * inputs + o] + 0.5 * x[b * inputs + o + 2]) + 0.1 * o;
        return new Scenario(
            new ScenarioSpec($"regression-5-9-3-{dtype.Name()}",
                "5-9-3 tanh network with a linear output, MSE over 13 × 3 values, SGD lr 0.05, 200 steps",
                dtype,
                [LayerSpec.Linear("fc1", inputs, hidden), LayerSpec.Tanh("tanh1"), LayerSpec.Linear("fc2", hidden, outputs)],
                LossKind.MeanSquaredError, OptimizerSpec.Sgd(0.05), Steps: 200),
            NamedTensor.Create("inputs", [batch, inputs], x),
            NamedTensor.Create("targets", [batch, outputs], y),
            [
                NamedTensor.Create("fc1.weight", [hidden, inputs], Normals(hidden * inputs, 0.45)),
                NamedTensor.Create("fc1.bias", [hidden], Normals(hidden, 0.1)),
                NamedTensor.Create("fc2.weight", [outputs, hidden], Normals(outputs * hidden, 0.33)),
                NamedTensor.Create("fc2.bias", [outputs], Normals(outputs, 0.1)),
            ]);
    }
}
