using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Runners;

/// <summary>What either side's evaluation of an expression returns, in the harness's terms.</summary>
public sealed record ExpressionValues(
    IReadOnlyList<(string Name, double Value)> Forward,
    double Loss,
    IReadOnlyList<(string Name, double Value)> IntermediateGradients,
    IReadOnlyList<(string Name, double Value)> InputGradients,
    IReadOnlyList<(string Name, double Value)> Nudged)
{
    public static ExpressionValues ManualSide(string expression, IReadOnlyDictionary<string, double> inputs)
    {
        var r = Expressions.Manual(expression, inputs);
        return new(r.Forward, r.Loss, r.IntermediateGradients, r.InputGradients, r.Nudged);
    }

    public static ExpressionValues TorchSide(string expression, IReadOnlyDictionary<string, double> inputs)
    {
        var r = Expressions.Torch(expression, inputs);
        return new(r.Forward, r.Loss, r.IntermediateGradients, r.InputGradients, r.Nudged);
    }
}
