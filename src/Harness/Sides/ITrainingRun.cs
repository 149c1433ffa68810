using System.Numerics;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// One implementation's model, loss and optimizer, loaded with a scenario's data, stepped by the suite. Parameter
/// values are set before the first step and again whenever the suite re-synchronises this run to the reference; a
/// step is what a training loop does once: <c>zero_grad</c>, forward, loss, backward, optimizer step.
/// </summary>
public interface ITrainingRun<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Overwrites a parameter, by PyTorch name (<c>fc1.weight</c>), in PyTorch's layout, row-major.</summary>
    void SetParameter(string name, ReadOnlySpan<T> values);

    /// <summary>Copies a parameter's current value into <paramref name="destination"/> (PyTorch layout).</summary>
    void GetParameter(string name, Span<T> destination);

    /// <summary>Copies dL/d(parameter) of the last step into <paramref name="destination"/> (PyTorch layout).</summary>
    void GetGradient(string name, Span<T> destination);

    /// <summary>
    /// One training step on the scenario's batch; returns the loss computed before the update. Optionally hands
    /// each layer's output and the gradient at it to <paramref name="capture"/>: then a disagreement is located
    /// to the layer, not only to the parameter. A run that captures nothing is compared on loss, gradients and updates.
    /// </summary>
    T Step(IStepCapture<T> capture);

    /// <summary>
    /// The hyper-parameters and conventions this run uses, in the suite's words (<c>"learning rate" = "0.5"</c>,
    /// <c>"loss reduction" = "mean"</c>; see docs/your-implementation.md), compared with TorchSharp's before any
    /// number. Only the keys given are checked; null checks none.
    /// </summary>
    IReadOnlyDictionary<string, string>? Settings => null;
}
