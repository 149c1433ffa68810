using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Claims;

/// <summary>What a claim can read of a run.</summary>
public sealed record RunRecord(Scenario Scenario, double[] Losses, IReadOnlyDictionary<int, TraceStep> Kept)
{
    public int LastStep => Losses.Length - 1;

    public double[] Tensor(int step, string name) =>
        (Kept.TryGetValue(step, out var record) ? record : throw new ArgumentOutOfRangeException(nameof(step), step, "step not kept"))
        .Tensors.FirstOrDefault(t => t.Name == name)?.Tensor.Values
        ?? throw new ArgumentException($"{Scenario.Id} step {step} recorded no {name}.", nameof(name));

    public double Value(int step, string name, int index = 0) => Tensor(step, name)[index];
}
