using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>SHA-256 of a spec text's UTF-8 bytes, lower-case hex: what a fixture stores beside the text.</summary>
    public static string HashOf(string specJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)));
}
