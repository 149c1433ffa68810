using BackpropParity.Harness.Data;

namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// A 2-3-1 network with a tanh hidden layer and a sigmoid output on XOR, ½ squared error, SGD lr 0.5, 500 steps:
/// the one built-in scenario with tanh, so a wrong tanh slope has somewhere to show. Weights: 0.5·randn from
/// NumPyRandomState(1), biases zero.
/// </summary>
public static class TanhXor
{
    public static Scenario Create(DType dtype)
    {
        var random = new NumPyRandomState(1);
        double[] hidden = random.Randn(6).Select(v => v * 0.5).ToArray(), output = random.Randn(3).Select(v => v * 0.5).ToArray();
        var xor = LessonNetworks.XorOneNeuron(dtype);
        return new Scenario(
            new ScenarioSpec($"xor-tanh-2-3-1-{dtype.Name()}",
                "a 2-3-1 tanh/sigmoid network on XOR, ½ squared error (batch mean), SGD lr 0.5, 500 steps, weights 0.5·randn from seed 1",
                dtype,
                [LayerSpec.Linear("fc1", 2, 3), LayerSpec.Tanh("tanh1"), LayerSpec.Linear("fc2", 3, 1), LayerSpec.Sigmoid("sigmoid2")],
                LossKind.HalfSquaredError, OptimizerSpec.Sgd(0.5), Steps: 500),
            xor.Inputs, xor.Targets,
            [
                NamedTensor.Create("fc1.weight", [3, 2], hidden), NamedTensor.Create("fc1.bias", [3], [0.0, 0.0, 0.0]),
                NamedTensor.Create("fc2.weight", [1, 3], output), NamedTensor.Create("fc2.bias", [1], [0.0]),
            ]);
    }
}
