using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// The spiral network of the lesson "How It Actually Learns" (2-16-1, ReLU hidden layer, sigmoid output, mean
/// binary cross-entropy, SGD lr 0.5, 5000 iterations) with the lesson's exact data and initial weights:
/// <code>
/// np.random.seed(42)
/// make_spiral(100, 2): per class c, r = linspace(0, 1, 100), t = linspace(4c, 4(c+1), 100) + randn(100)·0.2,
///                      X = [r·sin t, r·cos t], y = c
/// W1 = randn(2, 16)·0.5, b1 = 0, W2 = randn(16, 1)·0.5, b2 = 0
/// </code>
/// The lesson's W1 is [in, out] (X @ W1); PyTorch's fc1.weight is its transpose, [out, in].
/// </summary>
public static class SpiralLesson
{
    public const string BaseId = "spiral-lesson";
    public const int PointsPerClass = 100, Hidden = SpiralNetwork.Hidden;
    public const uint Seed = 42;

    public static Scenario Create(DType dtype)
    {
        var (inputs, targets, w1, w2) = Draw();
        return new Scenario(
            SpiralNetwork.Spec($"{BaseId}-{dtype.Name()}",
                "the lesson's spiral: np.random.seed(42) data and weights, 2-16-1 ReLU/sigmoid, mean BCE, SGD lr 0.5, 5000 steps (lesson: How It Actually Learns)", dtype),
            inputs,
            targets,
            SpiralNetwork.Parameters(Transpose(w1, rows: 2, cols: Hidden), w2));
    }

    /// <summary>The lesson's draws, in the lesson's order and layouts: X [200, 2], y [200, 1], W1 [2, 16], W2 [16, 1].</summary>
    public static (NamedTensor Inputs, NamedTensor Targets, double[] W1, double[] W2) Draw()
    {
        var random = new NumPyRandomState(Seed);
        const int classes = 2;
        var points = new double[PointsPerClass * classes * 2];
        var labels = new double[PointsPerClass * classes];
        for (int c = 0; c < classes; c++)
        {
            double[] radius = NumPyFunctions.Linspace(0.0, 1, PointsPerClass);
            double[] angle = NumPyFunctions.Linspace(c * 4, (c + 1) * 4, PointsPerClass);
            double[] noise = random.Randn(PointsPerClass);
            for (int i = 0; i < PointsPerClass; i++)
            {
                double t = angle[i] + noise[i] * 0.2;
                int row = c * PointsPerClass + i;
                points[2 * row] = radius[i] * Math.Sin(t);
                points[2 * row + 1] = radius[i] * Math.Cos(t);
                labels[row] = c;
            }
        }
        double[] w1 = random.Randn(2 * Hidden).Select(v => v * 0.5).ToArray();
        double[] w2 = random.Randn(Hidden).Select(v => v * 0.5).ToArray();
        return (NamedTensor.Create("inputs", [PointsPerClass * classes, 2], points),
                NamedTensor.Create("targets", [PointsPerClass * classes, 1], labels), w1, w2);
    }

    private static double[] Transpose(double[] values, int rows, int cols)
    {
        var transposed = new double[values.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                transposed[c * rows + r] = values[r * cols + c];
        return transposed;
    }
}
