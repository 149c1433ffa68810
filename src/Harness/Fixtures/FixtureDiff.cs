using BackpropParity.Harness.Safetensors;

namespace BackpropParity.Harness.Fixtures;

/// <summary>What a regeneration changes in a fixture file, tensor by tensor, before it replaces the old one.</summary>
public sealed record FixtureDiff(IReadOnlyList<string> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>Metadata that changes on every regeneration and is no change in itself.</summary>
    private static readonly HashSet<string> VolatileMetadata = ["created_utc"];

    public static FixtureDiff Between(SafetensorsFile old, SafetensorsFile updated)
    {
        var changes = new List<string>();
        foreach (var (key, value) in updated.Metadata.Where(m => !VolatileMetadata.Contains(m.Key)))
        {
            if (!old.Metadata.TryGetValue(key, out var before)) changes.Add($"metadata {key}: added");
            else if (before != value) changes.Add(key == "scenario_spec" ? "metadata scenario_spec: changed" : $"metadata {key}: '{before}' -> '{value}'");
        }
        changes.AddRange(old.Metadata.Keys.Where(k => !VolatileMetadata.Contains(k) && !updated.Metadata.ContainsKey(k)).Select(k => $"metadata {k}: removed"));

        foreach (var tensor in updated.Tensors)
        {
            var before = old.Find(tensor.Name);
            if (before is null) changes.Add($"{tensor.Name}: added");
            else if (before.DType != tensor.DType || !before.Shape.SequenceEqual(tensor.Shape))
                changes.Add($"{tensor.Name}: {before.DType}[{string.Join(", ", before.Shape)}] -> {tensor.DType}[{string.Join(", ", tensor.Shape)}]");
            else if (!before.Data.AsSpan().SequenceEqual(tensor.Data))
                changes.Add($"{tensor.Name}: max |difference| {MaxDifference(before, tensor):0.###e+00}");
        }
        changes.AddRange(old.Tensors.Where(t => !updated.Contains(t.Name)).Select(t => $"{t.Name}: removed"));
        return new FixtureDiff(changes);
    }

    private static double MaxDifference(SafetensorsTensor a, SafetensorsTensor b)
    {
        double[] x = a.ToDoubles(), y = b.ToDoubles();
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Abs(x[i] - y[i]);
            if (double.IsNaN(d) || d > max) max = double.IsNaN(d) ? double.PositiveInfinity : d;
        }
        return max;
    }
}
