using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Decides whether a failing step is only rounding at a ReLU kink. The rule, for one step of a sequential network:
/// <list type="number">
/// <item>A flip is an element of a ReLU's input that one side has above 0 and the other at or below it, or a binary
/// cross-entropy prediction that is exactly 0 or 1 on one side only, while the two values agree within the tolerance
/// (so both lie within rounding of the kink).</item>
/// <item>From the flips, the backward's reach follows the chain rule down the layers: the gradient at a flipped input
/// element [i, j]; below a linear layer, the weight-gradient row j, the bias-gradient element j, those parameters'
/// updated values, and the whole row i of the gradient at the layer's input; through an element-wise layer, the same
/// elements.</item>
/// <item>The step is explained when there is at least one flip, no forward tensor and no loss is out of tolerance, and
/// every element out of tolerance lies within that reach.</item>
/// </list>
/// A wrong ReLU slope or forward has no flip (both sides see the same input) or fails a forward tensor, so it is never
/// explained away. Pure: numbers in, an explanation or null out.
/// </summary>
public static class KinkCheck
{
    public static KinkExplanation? Explain(ScenarioSpec spec, TraceStep expected, TraceStep actual, ToleranceSpec tolerance, bool nonFiniteExpected)
    {
        if (spec.IsExpression || !expected.IsComplete) return null;
        var layers = spec.Layers;
        if (!layers.Skip(1).Any(l => l.Kind == LayerKind.ReLU) && spec.Loss != LossKind.BinaryCrossEntropy) return null;
        var e = expected.Tensors.ToDictionary(t => t.Name, t => t.Tensor);
        var a = actual.Tensors.ToDictionary(t => t.Name, t => t.Tensor);

        // 1. the flips, and the backward's reach from them, walking down from the last layer
        var flips = new List<KinkFlip>();
        var reach = new Dictionary<string, bool[]>();   // by tensor name: the elements a flip may change
        bool[]? gradientReach = null;                   // over dact of the layer being walked: dL/d(its output)
        if (spec.Loss == LossKind.BinaryCrossEntropy)
        {
            string predictionName = TraceTensor.Activation(layers[^1].Name);
            if (!e.TryGetValue(predictionName, out var prediction) || !a.TryGetValue(predictionName, out var candidate) || prediction.Values.Length != candidate.Values.Length)
                return null;
            gradientReach = new bool[prediction.Values.Length];
            for (int k = 0; k < gradientReach.Length; k++)
            {
                double x = prediction.Values[k], y = candidate.Values[k];
                if (x * (1 - x) == 0 == (y * (1 - y) == 0) || !(AgreementRule.ShareOfLimit(x, y, tolerance, nonFiniteExpected: false) <= 1)) continue;
                flips.Add(new KinkFlip("binary cross-entropy's guard at ŷ(1 − ŷ) = 0", predictionName, prediction.IndexText(k), x, y));
                gradientReach[k] = true;
            }
        }
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            var layer = layers[l];
            if (gradientReach is not null) reach[TraceTensor.ActivationGradient(layer.Name)] = gradientReach;
            var rowsReached = new HashSet<int>();
            if (layer.Kind == LayerKind.Linear)
            {
                // dL/dW row j and dL/db j sum g[:, j] over the batch; dL/dx row i sums g[i, :]·W over the outputs
                int outputs = layer.OutFeatures;
                var unitsReached = new bool[outputs];
                if (gradientReach is not null)
                    for (int k = 0; k < gradientReach.Length; k++)
                    {
                        if (!gradientReach[k]) continue;
                        unitsReached[k % outputs] = true;
                        rowsReached.Add(k / outputs);
                    }
                foreach (var (parameter, columns) in new[] { ($"{layer.Name}.weight", layer.InFeatures), ($"{layer.Name}.bias", 1) })
                {
                    var units = new bool[outputs * columns];
                    for (int k = 0; k < units.Length; k++) units[k] = unitsReached[k / columns];
                    reach[TraceTensor.ParameterGradient(parameter)] = units;
                    reach[TraceTensor.ParameterValue(parameter)] = units;
                }
            }
            if (l == 0) break;

            string inputName = TraceTensor.Activation(layers[l - 1].Name);
            if (!e.TryGetValue(inputName, out var input) || !a.TryGetValue(inputName, out var candidate) || input.Values.Length != candidate.Values.Length)
                return null;
            int width = input.Shape.Length == 2 ? input.Shape[1] : 1;
            bool[] next = new bool[input.Values.Length];
            if (layer.Kind == LayerKind.Linear)
            {
                foreach (int row in rowsReached)
                    Array.Fill(next, true, row * width, width);
            }
            else if (gradientReach is not null)
            {
                Array.Copy(gradientReach, next, next.Length);   // element-wise: the same elements
            }
            if (layer.Kind == LayerKind.ReLU)
            {
                for (int k = 0; k < input.Values.Length; k++)
                {
                    double x = input.Values[k], y = candidate.Values[k];
                    if (x > 0 == y > 0 || !(AgreementRule.ShareOfLimit(x, y, tolerance, nonFiniteExpected: false) <= 1)) continue;
                    flips.Add(new KinkFlip($"ReLU {layer.Name}", inputName, input.IndexText(k), x, y));
                    next[k] = true;
                }
            }
            gradientReach = next;
        }
        if (flips.Count == 0) return null;

        // 2. every disagreement (the comparer's element rule) within the reach, none in the forward pass or the loss
        int explained = 0;
        foreach (var tensor in expected.Tensors)
        {
            if (!a.TryGetValue(tensor.Name, out var other) || other.Values.Length != tensor.Tensor.Values.Length) return null;
            reach.TryGetValue(tensor.Name, out var elements);
            bool reachable = elements is not null && tensor.Phase is not (Phase.Forward or Phase.Loss);
            for (int k = 0; k < tensor.Tensor.Values.Length; k++)
            {
                if (AgreementRule.ShareOfLimit(tensor.Tensor.Values[k], other.Values[k], tolerance, nonFiniteExpected) <= 1) continue;
                if (!reachable || !elements![k]) return null;
                explained++;
            }
        }
        return new KinkExplanation(expected.Step, flips, explained);
    }
}
