using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tolerances;

/// <summary>
/// For every tensor one recorded network step holds, the size of the terms each element was computed from, S ≥ |value|,
/// element by element: the scale rounding works on. A sum rounds on the size of its terms, not of its result: a bias
/// gradient Σ_batch g that cancels to 1e-9 from terms of 0.1 is off by about n·u·0.1 on any machine that adds in
/// another order. S is taken from the step's own tensors, following the computation forward and back, and carries the
/// input's scale along (an error already in an input reaches the output through slopes of at most 1 here):
/// <code>
/// linear      z = a·Wᵀ + b     S_z = S_a·|W|ᵀ + |b|          (S_a = max(|a|, S of the layer before), |x| for the data)
/// activation  y = f(z)         S_y = max(|y|, S_z)            sigmoid, tanh, relu: |f'| ≤ 1
/// loss        L = mean(ℓ)      S_L = max(|L|, mean S_ŷ)
/// backward    dL/dŷ            S = c·(S_ŷ + |y|)/N            its (ŷ − y) cancels as ŷ nears y; c = 1 (½ squared error),
///                                                              2 (MSE), 1/(ŷ(1 − ŷ)) (BCE); softmax CE on logits: (S_z + 2)/batch
/// activation  g_z = g_y·f'(z)  S_gz = max(|g_z|, S_gy)
/// linear      g_a = g_z·W      S_ga = max(|g_a|, S_gz·|W|)
///             ∇W = g_zᵀ·a       S = max(|∇W|, S_gzᵀ·S_a),     ∇b = Σ_batch g_z    S = max(|∇b|, Σ_batch S_gz)
/// update      θ' = θ − lr·∇θ   S = max(|θ'|, |θ| + lr·S_∇θ)
/// </code>
/// Tensors of anything else (the lessons' scalar expressions) get no entry.
/// </summary>
public static class TermMagnitudes
{
    public static IReadOnlyDictionary<string, double[]> Of(Scenario scenario, IReadOnlyList<NamedTensor> start, TraceStep step)
    {
        var spec = scenario.Spec;
        var scales = new Dictionary<string, double[]>();
        if (spec.IsExpression || spec.Layers.Count == 0) return scales;
        var recorded = step.Tensors.ToDictionary(t => t.Name, t => t.Tensor.Values);
        var parameters = start.ToDictionary(p => p.Name, p => p.Values);
        int batch = scenario.Inputs.Shape[0];
        double[] Recorded(string name) => recorded.TryGetValue(name, out var values) ? values
            : throw new InvalidDataException($"step {step.Step} of {scenario.Id} has no {name}");
        double[] Parameter(string name) => parameters.TryGetValue(name, out var values) ? values
            : throw new InvalidDataException($"{scenario.Id}: no start value for {name}");

        // forward
        double[] input = Abs(scenario.Inputs.RoundedTo(spec.DType).Values);
        int width = scenario.Inputs.Shape[1];
        var inputScales = new List<(double[] Scale, int Width)>();
        foreach (var layer in spec.Layers)
        {
            inputScales.Add((input, width));
            string output = TraceTensor.Activation(layer.Name);
            double[] scale;
            if (layer.Kind == LayerKind.Linear)
            {
                double[] weight = Parameter($"{layer.Name}.weight"), bias = Parameter($"{layer.Name}.bias");
                scale = Product(input, batch, layer.InFeatures, weight, layer.OutFeatures, transposeB: true);   // S_a·|W|ᵀ
                for (int b = 0; b < batch; b++)
                    for (int j = 0; j < layer.OutFeatures; j++) scale[b * layer.OutFeatures + j] += Math.Abs(bias[j]);
                width = layer.OutFeatures;
            }
            else
            {
                scale = (double[])input.Clone();
            }
            scales[output] = Max(scale, Recorded(output));
            input = scales[output];
        }
        double loss = Recorded(TraceTensor.LossName)[0];
        scales[TraceTensor.LossName] = [Math.Max(Math.Abs(loss), input.Average())];

        // backward, from the loss's slope
        string last = TraceTensor.ActivationGradient(spec.Layers[^1].Name);
        double[] gradient = Max(LossSlopeScale(spec, input, Recorded(TraceTensor.Activation(spec.Layers[^1].Name)),
            scenario.Targets.RoundedTo(spec.DType).Values, batch), Recorded(last));
        scales[last] = gradient;
        for (int i = spec.Layers.Count - 1; i >= 0; i--)
        {
            var layer = spec.Layers[i];
            var (layerInput, inputWidth) = inputScales[i];
            string below = i > 0 ? TraceTensor.ActivationGradient(spec.Layers[i - 1].Name) : "";
            if (layer.Kind == LayerKind.Linear)
            {
                double[] weight = Parameter($"{layer.Name}.weight");
                string weightGradient = TraceTensor.ParameterGradient($"{layer.Name}.weight"), biasGradient = TraceTensor.ParameterGradient($"{layer.Name}.bias");
                scales[weightGradient] = Max(TransposedProduct(gradient, batch, layer.OutFeatures, layerInput, inputWidth), Recorded(weightGradient));
                scales[biasGradient] = Max(ColumnSums(gradient, batch, layer.OutFeatures), Recorded(biasGradient));
                if (i > 0) scales[below] = Max(Product(gradient, batch, layer.OutFeatures, weight, layer.InFeatures, transposeB: false), Recorded(below));
            }
            else if (i > 0)
            {
                scales[below] = Max((double[])gradient.Clone(), Recorded(below));
            }
            if (i > 0) gradient = scales[below];
        }

        // update
        double learningRate = spec.Optimizer.LearningRate;
        foreach (var (name, values) in parameters)
        {
            string gradientName = TraceTensor.ParameterGradient(name), updated = TraceTensor.ParameterValue(name);
            if (!scales.TryGetValue(gradientName, out var gradientScale) || !recorded.ContainsKey(updated)) continue;
            var scale = new double[values.Length];
            for (int k = 0; k < scale.Length; k++) scale[k] = Math.Abs(values[k]) + learningRate * gradientScale[k];
            scales[updated] = Max(scale, Recorded(updated));
        }
        return scales;
    }

    // dL/dŷ = c·(ŷ − y)/N: the difference cancels as the prediction nears its target, while the prediction's own error
    // (of size S_ŷ) passes through unchanged.
    private static double[] LossSlopeScale(ScenarioSpec spec, double[] predictionScale, double[] prediction, double[] targets, int batch)
    {
        var scale = new double[prediction.Length];
        int count = prediction.Length;
        for (int k = 0; k < count; k++)
        {
            scale[k] = spec.Loss switch
            {
                LossKind.HalfSquaredError => (predictionScale[k] + Math.Abs(targets[k])) / count,
                LossKind.MeanSquaredError => 2 * (predictionScale[k] + Math.Abs(targets[k])) / count,
                LossKind.BinaryCrossEntropy => (predictionScale[k] + Math.Abs(targets[k])) / (Math.Max(prediction[k] * (1 - prediction[k]), 1e-12) * count),
                // softmax(z) − onehot(y), both at most 1, over the batch; an error in a logit moves the softmax by at most as much
                LossKind.SoftmaxCrossEntropy => (predictionScale[k] + 2) / batch,
                _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Loss, "no slope scale for this loss"),
            };
        }
        return scale;
    }

    private static double[] Abs(double[] values) => values.Select(Math.Abs).ToArray();

    // max(scale, |values|), element-wise, in place; NaN and ±Inf leave the scale as it is (they never agree by size).
    private static double[] Max(double[] scale, double[] values)
    {
        if (scale.Length != values.Length) throw new InvalidDataException($"a scale of {scale.Length} values for a tensor of {values.Length}");
        for (int k = 0; k < scale.Length; k++)
            if (double.IsFinite(values[k])) scale[k] = Math.Max(scale[k], Math.Abs(values[k]));
        return scale;
    }

    /// <summary>A [rows, inner] · |B| → [rows, cols], with B [cols, inner] (transposeB) or [inner, cols].</summary>
    private static double[] Product(double[] a, int rows, int inner, double[] b, int cols, bool transposeB)
    {
        var c = new double[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < inner; k++)
            {
                double left = a[r * inner + k];
                if (left == 0) continue;
                for (int j = 0; j < cols; j++)
                    c[r * cols + j] += left * Math.Abs(transposeB ? b[j * inner + k] : b[k * cols + j]);
            }
        return c;
    }

    /// <summary>Gᵀ·A → [gCols, aCols] for G [rows, gCols] and A [rows, aCols], both ≥ 0.</summary>
    private static double[] TransposedProduct(double[] g, int rows, int gCols, double[] a, int aCols)
    {
        var c = new double[gCols * aCols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < gCols; j++)
            {
                double left = g[r * gCols + j];
                if (left == 0) continue;
                for (int i = 0; i < aCols; i++) c[j * aCols + i] += left * a[r * aCols + i];
            }
        return c;
    }

    private static double[] ColumnSums(double[] g, int rows, int cols)
    {
        var sums = new double[cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) sums[j] += g[r * cols + j];
        return sums;
    }
}
