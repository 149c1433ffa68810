using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.GradCheck;

/// <summary>
/// The scenario's loss as a plain function of its parameters, written from the spec alone, in float64, sharing no
/// code with the manual implementation or with torch: the third witness's forward pass. For a float32 scenario the
/// data and parameters are the float32 values (widened exactly); only the arithmetic is float64.
/// Also reports on which side of 0 every ReLU input falls, so a nudge that crosses a kink can be recognised.
/// </summary>
public sealed class ReferenceLoss
{
    private readonly Scenario _scenario;

    public ReferenceLoss(Scenario scenario) => _scenario = scenario;

    /// <summary>L(θ), and the signs of every ReLU input (null without ReLU).</summary>
    public (double Loss, bool[]? ReluSigns) Evaluate(IReadOnlyDictionary<string, double[]> parameters)
    {
        var spec = _scenario.Spec;
        if (spec.IsExpression) return (Expression(spec.Expression!, parameters), null);

        int batch = _scenario.Inputs.Shape[0];
        double[] activation = _scenario.Inputs.Values;
        int width = _scenario.Inputs.Shape[1];
        var signs = new List<bool>();
        foreach (var layer in spec.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Linear:
                {
                    // y[b, o] = Σ_i x[b, i]·W[o, i] + bias[o]
                    double[] w = parameters[$"{layer.Name}.weight"], bias = parameters[$"{layer.Name}.bias"];
                    var next = new double[batch * layer.OutFeatures];
                    for (int b = 0; b < batch; b++)
                        for (int o = 0; o < layer.OutFeatures; o++)
                        {
                            double sum = bias[o];
                            for (int i = 0; i < width; i++) sum += activation[b * width + i] * w[o * width + i];
                            next[b * layer.OutFeatures + o] = sum;
                        }
                    activation = next;
                    width = layer.OutFeatures;
                    break;
                }
                case LayerKind.Sigmoid:
                    activation = activation.Select(v => 1.0 / (1.0 + Math.Exp(-v))).ToArray();
                    break;
                case LayerKind.Tanh:
                    activation = activation.Select(Math.Tanh).ToArray();
                    break;
                case LayerKind.ReLU:
                    signs.AddRange(activation.Select(v => v > 0));
                    activation = activation.Select(v => Math.Max(0, v)).ToArray();
                    break;
            }
        }

        double[] target = _scenario.Targets.Values;
        double total = 0;
        if (spec.Loss == LossKind.SoftmaxCrossEntropy)
        {
            // −(1/N) Σ_b log softmax(z_b)[y_b], with the max subtracted for range
            for (int b = 0; b < batch; b++)
            {
                var z = activation.AsSpan(b * width, width);
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double sum = 0;
                foreach (double v in z) sum += Math.Exp(v - max);
                total += -(z[(int)target[b]] - max - Math.Log(sum));
            }
            return (total / batch, signs.Count == 0 ? null : signs.ToArray());
        }
        for (int i = 0; i < activation.Length; i++)
        {
            double p = activation[i], y = target[i];
            total += spec.Loss switch
            {
                LossKind.MeanSquaredError => (p - y) * (p - y),
                LossKind.HalfSquaredError => 0.5 * (p - y) * (p - y),
                _ => -(y * Math.Max(Math.Log(p), -100) + (1 - y) * Math.Max(Math.Log(1 - p), -100)),
            };
        }
        return (total / activation.Length, signs.Count == 0 ? null : signs.ToArray());
    }

    private static double Expression(string expression, IReadOnlyDictionary<string, double[]> v)
    {
        double Get(string name) => v[name][0];
        return expression switch
        {
            Expressions.SinOfSquaredAffine => Math.Sin(Math.Pow(3 * Get("x") + 2, 2)),
            Expressions.ProductSumGraph => (Get("a") * Get("b") + Get("c")) * Get("d"),
            Expressions.ThreeWeightChain => Math.Pow(Get("w3") * Get("w2") * Get("w1") * Get("a0") - Get("y"), 2),
            Expressions.SigmoidNeuron => Math.Pow(1 / (1 + Math.Exp(-(Get("w") * Get("x") + Get("b")))) - Get("y"), 2),
            _ => throw new BadInputException($"Unknown expression '{expression}'."),
        };
    }
}
