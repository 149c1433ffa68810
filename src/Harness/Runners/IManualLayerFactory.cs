using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// Makes the manual layer for a layer spec. The default makes the real layers; a test can hand the runner a
/// factory that swaps one layer for a deliberately broken one, to prove the comparison catches and locates it.
/// </summary>
public interface IManualLayerFactory
{
    ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T>;
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
