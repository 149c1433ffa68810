using BackpropParity.Harness.Safetensors;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// What a regeneration changes in a fixture file, before it replaces the old one: metadata (the spec field by field),
/// then tensor by tensor. When and where the run was recorded (<c>created_utc</c>, <c>recorded_*</c>) is no change.
/// </summary>
public sealed record FixtureDiff(IReadOnlyList<FixtureDifference> Differences)
{
    public bool IsEmpty => Differences.Count == 0;

    /// <summary>True when only values the reference computed differ (and perhaps the spec's wording): then rounding may explain them.</summary>
    public bool OnlyComputedValues => Differences.All(d => d.Kind is FixtureDifferenceKind.Values or FixtureDifferenceKind.Wording);

    /// <summary>The spec's wording changed (and its numbers did not).</summary>
    public bool Reworded => Differences.Any(d => d.Kind == FixtureDifferenceKind.Wording);

    /// <summary>True when nothing but the spec's wording differs.</summary>
    public bool OnlyWording => Differences.All(d => d.Kind == FixtureDifferenceKind.Wording);

    public IEnumerable<string> Lines => Differences.Select(d => d.Text);

    private static bool Volatile(string key) => key == "created_utc" || FixtureMetadata.MachineKeys.Contains(key);

    public static FixtureDiff Between(SafetensorsFile old, SafetensorsFile updated)
    {
        var differences = new List<FixtureDifference>();
        void Add(FixtureDifferenceKind kind, string text) => differences.Add(new FixtureDifference(kind, text));

        foreach (var (key, value) in updated.Metadata.Where(m => !Volatile(m.Key)))
        {
            if (!old.Metadata.TryGetValue(key, out var before)) Add(FixtureDifferenceKind.Metadata, $"metadata {key}: added");
            else if (before == value) continue;
            else if (key == "scenario_spec")
            {
                // The same numbers in other words (a new description, a tolerance) leave every stored number valid.
                var kind = ScenarioJson.Numbers(before) == ScenarioJson.Numbers(value) ? FixtureDifferenceKind.Wording : FixtureDifferenceKind.Metadata;
                foreach (string change in SpecDiff.Between(before, value)) Add(kind, $"spec {change}");
            }
            else if (key != "scenario_spec_sha256") Add(FixtureDifferenceKind.Metadata, $"metadata {key}: '{before}' -> '{value}'");
        }
        foreach (string key in old.Metadata.Keys.Where(k => !Volatile(k) && !updated.Metadata.ContainsKey(k)))
            Add(FixtureDifferenceKind.Metadata, $"metadata {key}: removed");

        foreach (var tensor in updated.Tensors)
        {
            var before = old.Find(tensor.Name);
            if (before is null) Add(FixtureDifferenceKind.Structure, $"{tensor.Name}: added");
            else if (before.DType != tensor.DType || !before.Shape.SequenceEqual(tensor.Shape))
                Add(FixtureDifferenceKind.Structure, $"{tensor.Name}: {before.DType}[{string.Join(", ", before.Shape)}] -> {tensor.DType}[{string.Join(", ", tensor.Shape)}]");
            else if (!before.Data.AsSpan().SequenceEqual(tensor.Data))
                Add(IsInput(tensor.Name) ? FixtureDifferenceKind.Input : FixtureDifferenceKind.Values,
                    $"{tensor.Name}: max |difference| {MaxDifference(before, tensor):0.###e+00}");
        }
        foreach (var removed in old.Tensors.Where(t => !updated.Contains(t.Name)))
            Add(FixtureDifferenceKind.Structure, $"{removed.Name}: removed");
        return new FixtureDiff(differences);
    }

    // The data and the initial parameters are what the run starts from; the parameters each recorded step starts from
    // (step/k/start/) are computed by the free run, like everything else.
    private static bool IsInput(string name) => name.StartsWith("data/", StringComparison.Ordinal) || name.StartsWith("init/", StringComparison.Ordinal);

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
