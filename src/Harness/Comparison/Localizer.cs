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
    public static Suspect Locate(ScenarioSpec spec, TensorComparison first)
    {
        string name = first.Name;
        int LayerIndex(string layer) => spec.Layers.ToList().FindIndex(l => l.Name == layer);

        if (name == TraceTensor.LossName) return Suspect.LossForward;
        if (name.StartsWith("act/", StringComparison.Ordinal) && LayerIndex(name["act/".Length..]) is var produced and >= 0)
            return Suspect.Forward(spec, produced);
        if (name.StartsWith("dact/", StringComparison.Ordinal) && LayerIndex(name["dact/".Length..]) is var at and >= 0)
        {
            // dL/d(output of layer i) is made by the backward of the layer after it, or by the loss for the last.
            return at == spec.Layers.Count - 1 ? Suspect.LossGradient : Suspect.InputGradient(spec, at + 1);
        }
        if (name.StartsWith("grad/", StringComparison.Ordinal))
        {
            string parameter = name["grad/".Length..];
            int owner = LayerIndex(parameter.Split('.')[0]);
            if (owner >= 0) return Suspect.ParameterGradient(spec, owner, parameter);
        }
        if (name.StartsWith("param/", StringComparison.Ordinal) && first.Phase == Phase.Update)
            return Suspect.OptimizerStep(name["param/".Length..]);
        return Suspect.Unlocated(name);
    }
}
