using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;

namespace BackpropParity.Harness.Runners;

public sealed class ManualFactory : IManualFactory
{
    public static ManualFactory Instance { get; } = new();

    public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => spec.Kind switch
    {
        LayerKind.Linear => new Linear<T>(spec.Name, spec.InFeatures, spec.OutFeatures),
        LayerKind.Sigmoid => new Sigmoid<T>(spec.Name),
        LayerKind.Tanh => new Tanh<T>(spec.Name),
        LayerKind.ReLU => new ReLU<T>(spec.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, $"Layer {spec.Name}: unknown kind."),
    };
}
