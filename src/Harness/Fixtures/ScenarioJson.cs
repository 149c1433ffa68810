using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// The canonical text of a scenario spec: compact JSON, snake_case names, enums as strings, properties in
/// declaration order, numbers in shortest round-trip form. Same spec, same bytes, same hash.
/// </summary>
public static class ScenarioJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    public static string Canonical(ScenarioSpec spec) => JsonSerializer.Serialize(spec, Options);

    /// <summary>SHA-256 of the canonical JSON's UTF-8 bytes, lower-case hex.</summary>
    public static string Hash(ScenarioSpec spec) => HashOf(Canonical(spec));

    /// <summary>
    /// The fields of a spec that change the numbers a run records: the dtype, the layers, the loss, the optimizer and
    /// its hyper-parameters, the number of steps, the expression. The id, the description, the tolerance and the
    /// reason a run may diverge do not: a fixture stays current when only they change. A field added later that
    /// changes numbers joins this list, left out while it holds its default (null), so old fixtures stay current.
    /// </summary>
    public static readonly IReadOnlyList<string> NumberFields = ["dtype", "layers", "loss", "optimizer", "steps", "expression"];

    /// <summary>
    /// A spec text reduced to its <see cref="NumberFields"/> (nulls left out), compact: two specs that would record the
    /// same numbers give the same text. A text that is not a JSON object is returned as it is (and so never matches).
    /// </summary>
    public static string Numbers(string specJson)
    {
        try
        {
            if (JsonNode.Parse(specJson) is not JsonObject spec) return specJson;
            var numbers = new JsonObject();
            foreach (string field in NumberFields)
                if (spec[field] is { } value) numbers[field] = value.DeepClone();
            return numbers.ToJsonString();
        }
        catch (JsonException)
        {
            return specJson;
        }
    }

    public static string Numbers(ScenarioSpec spec) => Numbers(Canonical(spec));

    /// <summary>SHA-256 of a spec text's UTF-8 bytes, lower-case hex: what a fixture stores beside the text.</summary>
    public static string HashOf(string specJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)));
}
