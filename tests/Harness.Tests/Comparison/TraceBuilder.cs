using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tests.Comparison;

/// <summary>Hand-built traces for comparer tests: a tiny spec and steps with chosen numbers.</summary>
internal static class TraceBuilder
{
    public static ScenarioSpec Spec(DType dtype = DType.Float64, string id = "hand-built") => new(
        id, "hand-built trace", dtype,
        [LayerSpec.Linear("fc1", 2, 2), LayerSpec.Sigmoid("sigmoid1")],
        LossKind.MeanSquaredError, OptimizerSpec.Sgd(0.1), Steps: 2);

    public static TraceStep Step(int step, double loss = 0.5, double[]? activation = null, double[]? gradient = null, double[]? weight = null) => new(step,
    [
        new TraceTensor(Phase.Forward, NamedTensor.Create("act/fc1", [1, 2], activation ?? [0.25, -0.5])),
        new TraceTensor(Phase.Forward, NamedTensor.Create("act/sigmoid1", [1, 2], [0.56, 0.38])),
        new TraceTensor(Phase.Loss, NamedTensor.Create("loss", [], [loss])),
        new TraceTensor(Phase.Backward, NamedTensor.Create("dact/sigmoid1", [1, 2], [0.1, -0.2])),
        new TraceTensor(Phase.Backward, NamedTensor.Create("dact/fc1", [1, 2], gradient ?? [0.025, -0.047])),
        new TraceTensor(Phase.Gradient, NamedTensor.Create("grad/fc1.weight", [2, 2], [0.1, 0.2, 0.3, 0.4])),
        new TraceTensor(Phase.Update, NamedTensor.Create("param/fc1.weight", [2, 2], weight ?? [1.0, 2.0, 3.0, 4.0])),
    ]);

    public static Trace Trace(string side, params TraceStep[] steps) => new(side, Spec(), steps);

    public static Trace Trace(string side, ScenarioSpec spec, params TraceStep[] steps) => new(side, spec, steps);
}
