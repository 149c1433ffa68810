using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>The lessons' small networks beyond the three-input neuron's 50-step loop.</summary>
public static class LessonNetworks
{
    /// <summary>
    /// The three-input neuron for one step: the lesson's "one full step of backprop + gradient descent" widget.
    /// </summary>
    public static Scenario NeuronWidget(DType dtype) => ThreeInputNeuron.Create(dtype, steps: 1, idSuffix: "widget",
        "the lesson's one-step widget: the three-input neuron, one forward, backward and update (lesson: Backpropagation)");

    /// <summary>
    /// The pure-Python and PyTorch variants loop <c>for step in range(51)</c>: 51 updates, one more than the NumPy
    /// variant's 50. The PyTorch variant computes in float32 (torch's default dtype), the pure-Python one in float64.
    /// </summary>
    public static Scenario Neuron51(DType dtype) => ThreeInputNeuron.Create(dtype, steps: 51, idSuffix: "51",
        "the pure-Python (float64) and PyTorch (float32) loops: 51 updates (lesson: Backpropagation)");

    /// <summary>
    /// lesson 4's NumPy neuron: x = [2, −1, 3], w = [0.5, −0.3, 1.2], b = 0.6, target 1, loss (a − t)², one update
    /// with learning rate 0.1. With one output, the mean squared error is that one term.
    /// </summary>
    public static Scenario NumPyNeuron(DType dtype) => new(
        new ScenarioSpec($"numpy-neuron-{dtype.Name()}",
            "the NumPy neuron x = [2, −1, 3], w = [0.5, −0.3, 1.2], b = 0.6, target 1, (a − t)², one SGD step lr 0.1 (lesson: 14.4)",
            dtype, [LayerSpec.Linear("fc1", 3, 1), LayerSpec.Sigmoid("sigmoid1")], LossKind.MeanSquaredError, OptimizerSpec.Sgd(0.1), Steps: 1),
        NamedTensor.Create("inputs", [1, 3], [2.0, -1.0, 3.0]),
        NamedTensor.Create("targets", [1, 1], [1.0]),
        [NamedTensor.Create("fc1.weight", [1, 3], [0.5, -0.3, 1.2]), NamedTensor.Create("fc1.bias", [1], [0.6])]);

    /// <summary>
    /// The exercise "train a neuron on XOR, 2000 steps": one sigmoid neuron on the four XOR points, ½ squared error
    /// averaged over the four (the NumPy variant's batch mean), SGD lr 0.5. The lesson's starting weights are for
    /// three inputs; this takes the first two, w = [0.2, −0.1], and b = 0.1.
    /// </summary>
    public static Scenario XorOneNeuron(DType dtype) => new(
        new ScenarioSpec($"xor-one-neuron-{dtype.Name()}",
            "one sigmoid neuron on XOR, ½ squared error (batch mean), SGD lr 0.5, 2000 steps, w = [0.2, −0.1], b = 0.1 (lesson: Backpropagation)",
            dtype, [LayerSpec.Linear("fc1", 2, 1), LayerSpec.Sigmoid("sigmoid1")], LossKind.HalfSquaredError, OptimizerSpec.Sgd(0.5), Steps: 2000),
        XorInputs, XorTargets,
        [NamedTensor.Create("fc1.weight", [1, 2], [0.2, -0.1]), NamedTensor.Create("fc1.bias", [1], [0.1])]);

    /// <summary>
    /// The bonus: a hidden layer of two sigmoid neurons and a sigmoid output, on XOR, same loss, lr 0.5, 2000 steps.
    /// The lesson gives no starting weights; these are N(0, 1) draws of NumPyRandomState(0), biases zero.
    /// </summary>
    public static Scenario Xor221(DType dtype)
    {
        var random = new NumPyRandomState(0);
        double[] hidden = random.Randn(4), output = random.Randn(2);
        return new Scenario(
            new ScenarioSpec($"xor-2-2-1-{dtype.Name()}",
                "the bonus 2-2-1 sigmoid network on XOR, ½ squared error (batch mean), SGD lr 0.5, 2000 steps, weights randn from seed 0 (lesson: Backpropagation)",
                dtype,
                [LayerSpec.Linear("fc1", 2, 2), LayerSpec.Sigmoid("sigmoid1"), LayerSpec.Linear("fc2", 2, 1), LayerSpec.Sigmoid("sigmoid2")],
                LossKind.HalfSquaredError, OptimizerSpec.Sgd(0.5), Steps: 2000),
            XorInputs, XorTargets,
            [
                NamedTensor.Create("fc1.weight", [2, 2], hidden), NamedTensor.Create("fc1.bias", [2], [0.0, 0.0]),
                NamedTensor.Create("fc2.weight", [1, 2], output), NamedTensor.Create("fc2.bias", [1], [0.0]),
            ]);
    }

    private static NamedTensor XorInputs => NamedTensor.Create("inputs", [4, 2], [0, 0, 0, 1, 1, 0, 1, 1]);
    private static NamedTensor XorTargets => NamedTensor.Create("targets", [4, 1], [0, 1, 1, 0]);
}
