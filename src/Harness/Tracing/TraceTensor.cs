using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tracing;

/// <summary>One recorded tensor: its phase, its name (<c>act/fc1</c>, <c>grad/fc1.weight</c>) and its values.</summary>
public sealed record TraceTensor(Phase Phase, NamedTensor Tensor)
{
    public string Name => Tensor.Name;

    public static string Activation(string layer) => $"act/{layer}";
    public static string ActivationGradient(string layer) => $"dact/{layer}";
    public static string ParameterGradient(string parameter) => $"grad/{parameter}";
    public static string ParameterValue(string parameter) => $"param/{parameter}";
    public static string NudgedSlope(string input) => $"nudge/{input}";
    public const string LossName = "loss";
}
