using System.Globalization;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Reports;

/// <summary>A suspect in words: "backward of sigmoid sigmoid1 (layer 2)", "loss backward (binary cross-entropy): dL/dŷ".</summary>
public static class SuspectText
{
    public static string Describe(Suspect suspect, ScenarioSpec spec) => suspect.Part switch
    {
        OperationPart.Forward => $"forward of {Layer(suspect)}",
        OperationPart.InputGradient => $"backward of {Layer(suspect)}",
        OperationPart.WeightGradient => $"weight gradient in the backward of {Layer(suspect)}",
        OperationPart.BiasGradient => $"bias gradient in the backward of {Layer(suspect)}",
        OperationPart.LossForward => $"loss forward ({LossName(spec.Loss)})",
        OperationPart.LossGradient => $"loss backward ({LossName(spec.Loss)}): dL/dŷ",
        OperationPart.OptimizerStep => $"optimizer step ({spec.Optimizer.Kind}, lr {spec.Optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}) on {suspect.Parameter}",
        OperationPart.Setting => $"setting {Describe(suspect.Setting!)}",
        _ => $"the operation producing {suspect.Tensor}",
    };

    /// <summary>The place a zoo mutant lives: "backward of any sigmoid layer", "setting learning rate".</summary>
    public static string Describe(Zoo.ExpectedSuspect expected) => expected.Part switch
    {
        OperationPart.Forward => $"forward of any {KindOf(expected)} layer",
        OperationPart.InputGradient => $"backward of any {KindOf(expected)} layer",
        OperationPart.WeightGradient => $"weight gradient in the backward of any {KindOf(expected)} layer",
        OperationPart.BiasGradient => $"bias gradient in the backward of any {KindOf(expected)} layer",
        OperationPart.LossForward => "loss forward",
        OperationPart.LossGradient => "loss backward: dL/dŷ",
        OperationPart.OptimizerStep => "optimizer step",
        OperationPart.Setting => $"setting {expected.Setting}",
        _ => "an unlocated tensor",
    };

    /// <summary>What the zoo's first detection of a mutant named.</summary>
    public static string Describe(Zoo.ZooDetection detection) =>
        detection.Suspect is { } suspect ? Describe(suspect, detection.Scenario) : "(nothing named)";

    /// <summary>"spiral-relu-bce-float64: step 0, dact/fc1", or ": settings" when a setting differs before any number.</summary>
    public static string Where(Zoo.ZooDetection detection) =>
        detection.FirstMismatch is { } mismatch ? $"{detection.Scenario.Id}: step {mismatch.Step}, {mismatch.Name}" : $"{detection.Scenario.Id}: settings";

    /// <summary>"momentum: torch 0.9, manual 0".</summary>
    public static string Describe(SettingDifference setting) =>
        $"{setting.Setting}: {setting.ExpectedSide} {setting.Expected ?? "(not set)"}, {setting.ActualSide} {setting.Actual ?? "(not set)"}";

    public static string LossName(LossKind loss) => loss switch
    {
        LossKind.MeanSquaredError => "mean squared error",
        LossKind.HalfSquaredError => "half squared error",
        LossKind.BinaryCrossEntropy => "binary cross-entropy",
        LossKind.SoftmaxCrossEntropy => "softmax cross-entropy",
        _ => loss.ToString(),
    };

    private static string Layer(Suspect suspect) => suspect.Layer is { } layer
        ? $"{LayerKindName(layer.Kind)} {layer.Name} (layer {layer.Index + 1})"
        : "an unknown layer";

    private static string KindOf(Zoo.ExpectedSuspect expected) => expected.LayerKind is { } kind ? LayerKindName(kind) : "";

    private static string LayerKindName(LayerKind kind) => kind switch
    {
        LayerKind.Linear => "linear",
        LayerKind.Sigmoid => "sigmoid",
        LayerKind.Tanh => "tanh",
        LayerKind.ReLU => "relu",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
