namespace BackpropParity.Harness.Scenarios;

/// <summary>The operations a sequential model is built from.</summary>
public enum LayerKind
{
    Linear,
    Sigmoid,
    Tanh,
    ReLU,
}
