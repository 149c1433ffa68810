namespace BackpropParity.Harness.Scenarios;

/// <summary>The optimizer and its hyper-parameters. Only plain SGD exists so far.</summary>
public sealed record OptimizerSpec(string Kind, double LearningRate)
{
    public static OptimizerSpec Sgd(double learningRate) => new("sgd", learningRate);
}
