namespace BackpropParity.Harness.Tracing;

/// <summary>Where in a training step a tensor was recorded, in the order the step computes them.</summary>
public enum Phase
{
    /// <summary><c>act/&lt;layer&gt;</c>: each layer's output, in layer order.</summary>
    Forward,

    /// <summary><c>loss</c>: the scalar loss.</summary>
    Loss,

    /// <summary><c>dact/&lt;layer&gt;</c>: dL/d(layer output), from the last layer back to the first.</summary>
    Backward,

    /// <summary><c>grad/&lt;param&gt;</c>: dL/d(parameter).</summary>
    Gradient,

    /// <summary><c>param/&lt;param&gt;</c>: the parameter after the optimizer step.</summary>
    Update,
}
