using System.Numerics;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// What an implementation is started with: the scenario's spec (layers, loss, optimizer with its learning rate), its
/// batch in T, row-major (inputs [batch, in]; targets [batch, out], or [batch, 1] class indices for softmax cross
/// entropy), and the name and shape of every parameter it must have, in PyTorch's order and layout.
/// </summary>
public sealed record TrainingSetup<T>(ScenarioSpec Spec, T[] Inputs, int[] InputShape, T[] Targets, int[] TargetShape,
    IReadOnlyList<ParameterShape> Parameters) where T : unmanaged, IFloatingPointIeee754<T>
{
    public int BatchSize => InputShape[0];
}

/// <summary>A parameter's PyTorch name and shape: <c>fc1.weight</c> [16, 2], <c>fc1.bias</c> [16].</summary>
public sealed record ParameterShape(string Name, int[] Shape)
{
    public int ElementCount => NamedTensor.ElementCount(Shape);
}
