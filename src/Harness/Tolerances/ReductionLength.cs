using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Tolerances;

/// <summary>
/// How many roundings a recorded tensor has been through, counted from the spec: every value a step computes is
/// a sum of products over some length n (a linear layer's output sums over its inputs, a weight gradient over the
/// batch, the loss over every element), and each addition can round once. Counting the lengths of all operations
/// up to a tensor, in the order the step computes them, gives the n of the classical bound |error| ≲ n·u·Σ|terms|.
/// </summary>
public static class ReductionLength
{
    /// <summary>The accumulated reduction length of every tensor a network step records, by tensor name.</summary>
    public static IReadOnlyDictionary<string, int> Of(Scenario scenario)
    {
        var spec = scenario.Spec;
        var lengths = new Dictionary<string, int>();
        if (spec.IsExpression) return lengths;
        int batch = scenario.Inputs.Shape[0], path = 0;

        // forward: a linear output sums in_features products and a bias; element-wise layers round once
        foreach (var layer in spec.Layers)
        {
            path += layer.Kind == LayerKind.Linear ? layer.InFeatures + 1 : 1;
            lengths[TraceTensor.Activation(layer.Name)] = path;
        }
        int outputs = batch * (spec.Layers.LastOrDefault(l => l.Kind == LayerKind.Linear)?.OutFeatures ?? 1);
        path += outputs;                                           // the mean over every element
        lengths[TraceTensor.LossName] = path;

        // backward: dL/dŷ is element-wise; below a linear layer the gradient sums over its outputs
        int backward = path + 1;
        lengths[TraceTensor.ActivationGradient(spec.Layers[^1].Name)] = backward;
        for (int i = spec.Layers.Count - 1; i >= 1; i--)
        {
            backward += spec.Layers[i].Kind == LayerKind.Linear ? spec.Layers[i].OutFeatures : 1;
            lengths[TraceTensor.ActivationGradient(spec.Layers[i - 1].Name)] = backward;
        }
        // parameter gradients sum over the batch; the update adds one more rounding
        foreach (var layer in spec.Layers.Where(l => l.Kind == LayerKind.Linear))
        {
            foreach (string parameter in new[] { $"{layer.Name}.weight", $"{layer.Name}.bias" })
            {
                lengths[TraceTensor.ParameterGradient(parameter)] = backward + batch;
                lengths[TraceTensor.ParameterValue(parameter)] = backward + batch + 1;
            }
        }
        return lengths;
    }
}
