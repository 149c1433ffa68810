using System.Numerics;

namespace BackpropParity.Harness.Sides;

/// <summary>Where a training step hands over what it computed on the way, for the suite to compare by layer name.</summary>
public interface IStepCapture<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The output of layer <paramref name="layer"/> (<c>fc1</c>, <c>relu1</c>), [batch, features] row-major: <c>act/&lt;layer&gt;</c>.</summary>
    void LayerOutput(string layer, ReadOnlySpan<T> values);

    /// <summary>dL/d(output of <paramref name="layer"/>), same layout: <c>dact/&lt;layer&gt;</c>.</summary>
    void GradientAtLayerOutput(string layer, ReadOnlySpan<T> values);
}
