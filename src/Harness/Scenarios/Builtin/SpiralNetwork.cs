namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// The spiral classifier both spiral scenarios train: 2-16-1, ReLU hidden layer, sigmoid output, mean binary
/// cross-entropy, SGD lr 0.5, 5000 steps, zero biases.
/// </summary>
public static class SpiralNetwork
{
    public const int Hidden = 16;

    public static ScenarioSpec Spec(string id, string description, DType dtype) => new(
        Id: id,
        Description: description,
        DType: dtype,
        Layers:
        [
            LayerSpec.Linear("fc1", 2, Hidden), LayerSpec.ReLU("relu1"),
            LayerSpec.Linear("fc2", Hidden, 1), LayerSpec.Sigmoid("sigmoid2"),
        ],
        Loss: LossKind.BinaryCrossEntropy,
        Optimizer: OptimizerSpec.Sgd(0.5),
        Steps: 5000);

    /// <summary>The initial parameters in PyTorch's layout: fc1.weight [16, 2], fc2.weight [1, 16], biases zero.</summary>
    public static IReadOnlyList<NamedTensor> Parameters(double[] fc1Weight, double[] fc2Weight) =>
    [
        NamedTensor.Create("fc1.weight", [Hidden, 2], fc1Weight),
        NamedTensor.Create("fc1.bias", [Hidden], new double[Hidden]),
        NamedTensor.Create("fc2.weight", [1, Hidden], fc2Weight),
        NamedTensor.Create("fc2.bias", [1], new double[1]),
    ];
}
