namespace BackpropParity.Harness.Safetensors;

/// <summary>A file that is not valid safetensors. The message names the file and the problem, on one line.</summary>
public sealed class SafetensorsFormatException(string origin, string problem) : BadInputException($"{origin}: {problem}")
{
    public string Origin { get; } = origin;
    public string Problem { get; } = problem;
}
