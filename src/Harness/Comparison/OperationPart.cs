namespace BackpropParity.Harness.Comparison;

/// <summary>Which part of a training step a suspect is.</summary>
public enum OperationPart
{
    /// <summary>A layer's forward: its output.</summary>
    Forward,
    /// <summary>A layer's backward: dL/d(its input), from dL/d(its output).</summary>
    InputGradient,
    /// <summary>A linear layer's backward: dL/dW.</summary>
    WeightGradient,
    /// <summary>A linear layer's backward: dL/db.</summary>
    BiasGradient,
    /// <summary>The loss's value.</summary>
    LossForward,
    /// <summary>The loss's backward: dL/dŷ.</summary>
    LossGradient,
    /// <summary>The optimizer's update of one parameter.</summary>
    OptimizerStep,
    /// <summary>A hyper-parameter or convention on which the sides differ.</summary>
    Setting,
    /// <summary>A tensor no operation of the spec is known to produce.</summary>
    Unlocated,
}
