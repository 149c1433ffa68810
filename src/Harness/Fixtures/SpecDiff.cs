using System.Text.Json;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// The fields on which two scenario specs (their canonical JSON) differ, each as "optimizer.learning_rate 0.5 → 0.3",
/// "layers[2]: added" or "tolerance: removed", so a regenerated fixture says what changed in words a user recognises.
/// </summary>
public static class SpecDiff
{
    public static IReadOnlyList<string> Between(string oldJson, string newJson)
    {
        var before = Flatten(oldJson);
        var after = Flatten(newJson);
        var changes = new List<string>();
        foreach (var (path, value) in after)
        {
            if (!before.TryGetValue(path, out string? old)) changes.Add($"{path}: added ({value})");
            else if (old != value) changes.Add($"{path} {old} → {value}");
        }
        changes.AddRange(before.Keys.Where(path => !after.ContainsKey(path)).Select(path => $"{path}: removed ({before[path]})"));
        return changes;
    }

    // Every leaf as path → its JSON text, in document order: {"optimizer":{"learning_rate":0.5}} gives
    // optimizer.learning_rate → 0.5; nulls are left out. Text that is not JSON is one leaf, the whole text.
    private static Dictionary<string, string> Flatten(string json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            Add(document.RootElement, "", leaves);
        }
        catch (JsonException)
        {
            leaves["(spec)"] = json;
        }
        return leaves;
    }

    private static void Add(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Add(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                    Add(item, $"{path}[{index++}]", leaves);
                break;
            case JsonValueKind.Null:
                break;   // an absent optional field and a null one say the same
            default:
                leaves[path.Length == 0 ? "(spec)" : path] = element.GetRawText();
                break;
        }
    }
}
