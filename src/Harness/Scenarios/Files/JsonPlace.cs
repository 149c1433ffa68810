using System.Text.Json;

namespace BackpropParity.Harness.Scenarios.Files;

/// <summary>
/// A JSON value and where it is in its file (<c>layers[2].in_features</c>), so every problem can say both.
/// Reading an object marks the properties it asks for; <see cref="RejectUnknown"/> then names any other one
/// (a misspelt <c>learnig_rate</c> is an error, not a silently ignored default).
/// </summary>
public sealed class JsonPlace(string file, string path, JsonElement element)
{
    private readonly HashSet<string> asked = [];

    public string File { get; } = file;
    public string Path { get; } = path;
    public JsonElement Element { get; } = element;

    public ScenarioFileException Problem(string problem) => new(File, Path, problem);

    public JsonPlace? Optional(string name)
    {
        asked.Add(name);
        RequireKind(JsonValueKind.Object, "an object");
        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new JsonPlace(File, Child(name), value)
            : null;
    }

    public JsonPlace Required(string name, string whatItIs) =>
        Optional(name) ?? throw new ScenarioFileException(File, Path, $"needs \"{name}\": {whatItIs}");

    public IEnumerable<JsonPlace> Items()
    {
        RequireKind(JsonValueKind.Array, "a list");
        int index = 0;
        foreach (var item in Element.EnumerateArray()) yield return new JsonPlace(File, $"{Path}[{index++}]", item);
    }

    public IEnumerable<(string Name, JsonPlace Value)> Properties()
    {
        RequireKind(JsonValueKind.Object, "an object");
        foreach (var property in Element.EnumerateObject())
        {
            asked.Add(property.Name);
            yield return (property.Name, new JsonPlace(File, Child(property.Name), property.Value));
        }
    }

    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    public string String()
    {
        RequireKind(JsonValueKind.String, "a string");
        return Element.GetString()!;
    }

    public double Number()
    {
        RequireKind(JsonValueKind.Number, "a number");
        double value = Element.GetDouble();
        if (!double.IsFinite(value)) throw Problem($"{Element.GetRawText()} is not a finite number");
        return value;
    }

    public int Int(int minimum)
    {
        RequireKind(JsonValueKind.Number, "a whole number");
        if (!Element.TryGetInt32(out int value)) throw Problem($"{Element.GetRawText()} is not a whole number");
        if (value < minimum) throw Problem($"{value} is below {minimum}");
        return value;
    }

    public bool Bool()
    {
        if (Element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Problem($"should be true or false, not {Describe(Element)}");
        return Element.GetBoolean();
    }

    /// <summary>Every property of this object that nothing asked for is an error that lists the known ones.</summary>
    public void RejectUnknown()
    {
        if (Element.ValueKind != JsonValueKind.Object) return;
        foreach (var property in Element.EnumerateObject())
            if (!asked.Contains(property.Name))
                throw new ScenarioFileException(File, Child(property.Name),
                    $"is not a known property here; known: {string.Join(", ", asked.Order(StringComparer.Ordinal))}");
    }

    private void RequireKind(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind) throw Problem($"should be {what}, not {Describe(Element)}");
    }

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
