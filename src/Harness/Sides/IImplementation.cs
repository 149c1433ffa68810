using System.Numerics;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// An implementation of backprop that the suite checks against libtorch: yours, or the project's own
/// (<see cref="Runners.ManualImplementation"/> plugs in exactly this way). For each scenario it supports, the suite
/// starts a <see cref="ITrainingRun{T}"/>, sets its parameters by PyTorch name and layout (<c>fc1.weight</c> is
/// [out, in], row-major), runs training steps and reads back the loss, every parameter gradient and every parameter
/// after the update, and compares them with TorchSharp's, step by step.
/// </summary>
public interface IImplementation
{
    /// <summary>The side's name in reports: lowercase letters, digits and '-' (<c>manual</c>, <c>my-mlp</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Null when this implementation can run <paramref name="spec"/>; otherwise why not, in a few words
    /// ("no tanh layer", "float64 only"). An unsupported scenario is skipped for this side and said so, never failed.
    /// </summary>
    string? Unsupported(ScenarioSpec spec);

    /// <summary>A model, loss and optimizer for the scenario, in T (float for float32 scenarios, double for float64).</summary>
    ITrainingRun<T> Start<T>(TrainingSetup<T> setup) where T : unmanaged, IFloatingPointIeee754<T>;
}
