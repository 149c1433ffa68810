using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// Makes the manual layers and loss for a scenario. The default makes the real ones; a test can hand the runner a
/// factory that swaps one for a deliberately broken one, to prove the comparison catches and locates it.
/// </summary>
public interface IManualLayerFactory
{
    ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>;

    ILoss<T> CreateLoss<T>(LossKind kind) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        LossKind.MeanSquaredError => new MeanSquaredError<T>(),
        LossKind.HalfSquaredError => new HalfSquaredError<T>(),
        LossKind.BinaryCrossEntropy => new BinaryCrossEntropy<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };
}

public sealed class ManualLayerFactory : IManualLayerFactory
{
    public static ManualLayerFactory Instance { get; } = new();

    public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => spec.Kind switch
    {
        LayerKind.Linear => new Linear<T>(spec.Name, spec.InFeatures, spec.OutFeatures),
        LayerKind.Sigmoid => new Sigmoid<T>(spec.Name),
        LayerKind.Tanh => new Tanh<T>(spec.Name),
        LayerKind.ReLU => new ReLU<T>(spec.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, $"Layer {spec.Name}: unknown kind."),
    };
}
