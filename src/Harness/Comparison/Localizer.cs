using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Names the operation that produced a tensor, so the first tensor to disagree points at the code to read.
/// Tensors are compared in the order the step computes them, so every tensor before the first mismatch
/// agreed: the operation between them and it is the suspect.
/// </summary>
public static class Localizer
{
    public static string Suspect(ScenarioSpec spec, TensorComparison first)
    {
        string name = first.Name;
        var layers = spec.Layers;
        int LayerIndex(string layer) => layers.ToList().FindIndex(l => l.Name == layer);
        string Describe(int i) => $"{layers[i].KindName} {layers[i].Name} (layer {i + 1})";

        if (name == TraceTensor.LossName) return $"loss forward ({LossName(spec.Loss)})";
        if (name.StartsWith("act/", StringComparison.Ordinal))
        {
            int i = LayerIndex(name["act/".Length..]);
            return i < 0 ? $"forward producing {name}" : $"forward of {Describe(i)}";
        }
        if (name.StartsWith("dact/", StringComparison.Ordinal))
        {
            // dL/d(output of layer i) is made by the backward of the layer after it, or by the loss for the last.
            int i = LayerIndex(name["dact/".Length..]);
            if (i < 0) return $"backward producing {name}";
            return i == layers.Count - 1
                ? $"loss backward ({LossName(spec.Loss)}): dL/dŷ"
                : $"backward of {Describe(i + 1)}";
        }
        if (name.StartsWith("grad/", StringComparison.Ordinal))
        {
            string parameter = name["grad/".Length..];
            string layer = parameter.Split('.')[0];
            int i = LayerIndex(layer);
            string which = parameter.EndsWith(".bias", StringComparison.Ordinal) ? "bias" : "weight";
            return i < 0 ? $"gradient of {parameter}" : $"{which} gradient in the backward of {Describe(i)}";
        }
        if (name.StartsWith("param/", StringComparison.Ordinal))
            return first.Step == 0 || first.Phase == Phase.Update
                ? $"optimizer step ({spec.Optimizer.Kind}, lr {spec.Optimizer.LearningRate}) on {name["param/".Length..]}"
                : $"update of {name}";
        return $"the operation producing {name}";
    }

    public static string LossName(LossKind loss) => loss switch
    {
        LossKind.MeanSquaredError => "mean squared error",
        LossKind.HalfSquaredError => "half squared error",
        LossKind.BinaryCrossEntropy => "binary cross-entropy",
        LossKind.SoftmaxCrossEntropy => "softmax cross-entropy",
        _ => loss.ToString(),
    };
}
