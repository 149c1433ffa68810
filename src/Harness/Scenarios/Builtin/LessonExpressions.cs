namespace BackpropParity.Harness.Scenarios.Builtin;

/// <summary>
/// The lessons' scalar examples, each worked by hand (Manual, the chain rule written out as the lesson writes it)
/// and by autograd (TorchRef). Float64 only: the lessons compute in Python floats, and lesson 8's nudge divides
/// a difference of two losses by 1e-5, which float32 rounding would swamp.
/// </summary>
public static class LessonExpressions
{
    public static IEnumerable<Scenario> All() =>
    [
        Create("lesson8-neuron-x1", "lesson 8's neuron x = 1, y = 1, w = 0.5, b = 0, L = (a − y)², with its nudge audit (eps 1e-5)",
            Expressions.SigmoidNeuron, ("x", 1.0), ("y", 1.0), ("w", 0.5), ("b", 0.0)),
        Create("lesson8-neuron-x2", "lesson 8's neuron with the input changed to x = 2",
            Expressions.SigmoidNeuron, ("x", 2.0), ("y", 1.0), ("w", 0.5), ("b", 0.0)),
        Create("sin-square-affine", "L = sin((3x + 2)²) at x = 0.4 (lesson: Backpropagation)",
            Expressions.SinOfSquaredAffine, ("x", 0.4)),
        Create("graph-abcd", "L = (a·b + c)·d with a = 2, b = 3, c = −1, d = 4 (lesson: Backpropagation)",
            Expressions.ProductSumGraph, ("a", 2.0), ("b", 3.0), ("c", -1.0), ("d", 4.0)),
        Create("chain-no-activation", "a0 = 1, w1 = 2, w2 = 3, w3 = 0.5, y = 2, C = (a3 − y)² (lesson: Backpropagation and the chain rule)",
            Expressions.ThreeWeightChain, ("a0", 1.0), ("w1", 2.0), ("w2", 3.0), ("w3", 0.5), ("y", 2.0)),
    ];

    private static Scenario Create(string id, string description, string expression, params (string Name, double Value)[] inputs) => new(
        new ScenarioSpec(id, description, DType.Float64, [], LossKind.MeanSquaredError, OptimizerSpec.Sgd(0), Steps: 1, Expression: expression),
        NamedTensor.Create("inputs", [0], []),
        NamedTensor.Create("targets", [0], []),
        inputs.Select(i => NamedTensor.Create(i.Name, [], [i.Value])).ToList());
}
