using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Comparison;

/// <summary>Which part of a training step a suspect is.</summary>
public enum OperationPart
{
    /// <summary>A layer's forward: its output.</summary>
    Forward,
    /// <summary>A layer's backward: dL/d(its input), from dL/d(its output).</summary>
    InputGradient,
    /// <summary>A linear layer's backward: dL/dW.</summary>
    WeightGradient,
    /// <summary>A linear layer's backward: dL/db.</summary>
    BiasGradient,
    /// <summary>The loss's value.</summary>
    LossForward,
    /// <summary>The loss's backward: dL/dŷ.</summary>
    LossGradient,
    /// <summary>The optimizer's update of one parameter.</summary>
    OptimizerStep,
    /// <summary>A hyper-parameter or convention on which the sides differ.</summary>
    Setting,
    /// <summary>A tensor no operation of the spec is known to produce.</summary>
    Unlocated,
}

/// <summary>A layer of a scenario's model: its position (0 = first), its name and its kind.</summary>
public readonly record struct LayerRef(int Index, string Name, LayerKind Kind);

/// <summary>A setting on which two sides differ: "learning rate: torch 0.5, manual 0.25".</summary>
public sealed record SettingDifference(string Setting, string ExpectedSide, string? Expected, string ActualSide, string? Actual);

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
