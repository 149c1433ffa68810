namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// The three-input neuron of the lesson "Backpropagation" (its one-step widget and 50-step loop):
/// ŷ = σ(w·x + b), x = [0.8, −0.4, 1.2], w = [0.2, −0.1, 0.3], b = 0.1, target 1,
/// L = ½(ŷ − y)², SGD with lr 0.5, 50 steps.
/// </summary>
public static class ThreeInputNeuron
{
    public const string BaseId = "three-input-neuron";

    public static Scenario Create(DType dtype) =>
        Create(dtype, 50, idSuffix: null, "one sigmoid neuron, three inputs, half squared error, SGD lr 0.5, 50 steps: the NumPy loop (lesson: Backpropagation)");

    public static Scenario Create(DType dtype, int steps, string? idSuffix, string description) => new(
        new ScenarioSpec(
            Id: idSuffix is null ? $"{BaseId}-{dtype.Name()}" : $"{BaseId}-{idSuffix}-{dtype.Name()}",
            Description: description,
            DType: dtype,
            Layers: [LayerSpec.Linear("fc1", 3, 1), LayerSpec.Sigmoid("sigmoid1")],
            Loss: LossKind.HalfSquaredError,
            Optimizer: OptimizerSpec.Sgd(0.5),
            Steps: steps),
        Inputs: NamedTensor.Create("inputs", [1, 3], [0.8, -0.4, 1.2]),
        Targets: NamedTensor.Create("targets", [1, 1], [1.0]),
        InitialParameters:
        [
            NamedTensor.Create("fc1.weight", [1, 3], [0.2, -0.1, 0.3]),
            NamedTensor.Create("fc1.bias", [1], [0.1]),
        ]);
}
