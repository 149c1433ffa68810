using BackpropParity.Manual.Scalar;
using BackpropParity.TorchRef.Expressions;

namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// The scalar expressions a scenario can name, each with its hand-worked chain rule (Manual) and its autograd
/// twin (TorchRef), both called with the scenario's inputs by name.
/// </summary>
public static class Expressions
{
    public const string SinOfSquaredAffine = "sin((3x+2)^2)";
    public const string ProductSumGraph = "(a*b+c)*d";
    public const string ThreeWeightChain = "(w3*w2*w1*a0-y)^2";
    public const string SigmoidNeuron = "(sigmoid(w*x+b)-y)^2";

    /// <summary>Each expression's inputs by name, in the order a scenario file lists them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Inputs = new Dictionary<string, string[]>
    {
        [SinOfSquaredAffine] = ["x"],
        [ProductSumGraph] = ["a", "b", "c", "d"],
        [ThreeWeightChain] = ["a0", "w1", "w2", "w3", "y"],
        [SigmoidNeuron] = ["x", "y", "w", "b"],
    };

    /// <summary>The nudge lesson 8 measures the slope with.</summary>
    public const double Nudge = 1e-5;

    public static ChainRuleResult Manual(string expression, IReadOnlyDictionary<string, double> v) => expression switch
    {
        SinOfSquaredAffine => BackpropParity.Manual.Scalar.SinOfSquaredAffine.Evaluate(v["x"]),
        ProductSumGraph => BackpropParity.Manual.Scalar.ProductSumGraph.Evaluate(v["a"], v["b"], v["c"], v["d"]),
        ThreeWeightChain => BackpropParity.Manual.Scalar.ThreeWeightChain.Evaluate(v["a0"], v["w1"], v["w2"], v["w3"], v["y"]),
        SigmoidNeuron => BackpropParity.Manual.Scalar.SigmoidNeuron.Evaluate(v["x"], v["y"], v["w"], v["b"], Nudge),
        _ => throw new BadInputException($"Unknown expression '{expression}'."),
    };

    public static AutogradResult Torch(string expression, IReadOnlyDictionary<string, double> v) => expression switch
    {
        SinOfSquaredAffine => ScalarExpressions.SinOfSquaredAffine(v["x"]),
        ProductSumGraph => ScalarExpressions.ProductSumGraph(v["a"], v["b"], v["c"], v["d"]),
        ThreeWeightChain => ScalarExpressions.ThreeWeightChain(v["a0"], v["w1"], v["w2"], v["w3"], v["y"]),
        SigmoidNeuron => ScalarExpressions.SigmoidNeuron(v["x"], v["y"], v["w"], v["b"], Nudge),
        _ => throw new BadInputException($"Unknown expression '{expression}'."),
    };
}
