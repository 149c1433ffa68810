using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// The operation a disagreement points at, as a value: the part of the step, the layer, the parameter or setting.
/// Reports turn it into words (<c>Reports.SuspectText</c>); the zoo compares it with the place a bug lives.
/// </summary>
public sealed record Suspect(OperationPart Part, LayerRef? Layer = null, string? Parameter = null, SettingDifference? Setting = null, string? Tensor = null)
{
    public static Suspect Forward(ScenarioSpec spec, int layer) => new(OperationPart.Forward, LayerOf(spec, layer));

    /// <summary>The backward of layer <paramref name="layer"/>, which makes dL/d of the previous layer's output.</summary>
    public static Suspect InputGradient(ScenarioSpec spec, int layer) => new(OperationPart.InputGradient, LayerOf(spec, layer));

    /// <summary>The backward of the layer owning <paramref name="parameter"/> (<c>fc1.weight</c>, <c>fc1.bias</c>), making its gradient.</summary>
    public static Suspect ParameterGradient(ScenarioSpec spec, int layer, string parameter) =>
        new(parameter.EndsWith(".bias", StringComparison.Ordinal) ? OperationPart.BiasGradient : OperationPart.WeightGradient, LayerOf(spec, layer), parameter);

    public static Suspect LossForward { get; } = new(OperationPart.LossForward);

    public static Suspect LossGradient { get; } = new(OperationPart.LossGradient);

    public static Suspect OptimizerStep(string parameter) => new(OperationPart.OptimizerStep, Parameter: parameter);

    public static Suspect Of(SettingDifference setting) => new(OperationPart.Setting, Setting: setting);

    public static Suspect Unlocated(string tensor) => new(OperationPart.Unlocated, Tensor: tensor);

    private static LayerRef LayerOf(ScenarioSpec spec, int index) => new(index, spec.Layers[index].Name, spec.Layers[index].Kind);
}
