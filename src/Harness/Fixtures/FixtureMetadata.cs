using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// What a fixture says about itself, stored as the safetensors file's <c>__metadata__</c> strings. Where it was
/// recorded (<see cref="RecordedOn"/>) is optional: fixtures written before it was kept have none and read as before.
/// </summary>
public sealed record FixtureMetadata(
    string ScenarioId,
    string SpecJson,
    string SpecSha256,
    DType DType,
    int Steps,
    IReadOnlyList<int> RecordedSteps,
    string Reference,
    string TorchSharpVersion,
    string LibTorchVersion,
    string CreatedUtc,
    string? Settings = null,
    RecordingMachine? RecordedOn = null)
{
    /// <summary>The keys that describe the recording machine: they differ between machines and are no change in a fixture.</summary>
    public static readonly IReadOnlySet<string> MachineKeys =
        new HashSet<string> { "recorded_cpu", "recorded_vector_isa", "recorded_mkl_cbwr", "recorded_libtorch_threads" };

    /// <summary>True when the stored spec text still matches its own hash; false means it was edited by hand.</summary>
    public bool SpecTextIntact => ScenarioJson.HashOf(SpecJson) == SpecSha256;

    public const string FormatName = "backprop-parity-fixture";
    public const int FormatVersion = 1;

    public IReadOnlyDictionary<string, string> ToStrings()
    {
        var strings = new Dictionary<string, string>
        {
            ["format"] = FormatName,
            ["format_version"] = FormatVersion.ToString(),
            ["scenario_id"] = ScenarioId,
            ["scenario_spec"] = SpecJson,
            ["scenario_spec_sha256"] = SpecSha256,
            ["dtype"] = DType.Name(),
            ["steps"] = Steps.ToString(),
            ["recorded_steps"] = string.Join(",", RecordedSteps),
            ["reference"] = Reference,
            ["torchsharp_version"] = TorchSharpVersion,
            ["libtorch_version"] = LibTorchVersion,
            ["created_utc"] = CreatedUtc,
        };
        if (RecordedOn is { } machine)
        {
            strings["recorded_cpu"] = machine.Cpu;
            strings["recorded_vector_isa"] = machine.VectorIsa;
            strings["recorded_mkl_cbwr"] = machine.MklCodePath;
            strings["recorded_libtorch_threads"] = machine.LibTorchThreads.ToString();
        }
        return strings;
    }

    public static FixtureMetadata FromStrings(IReadOnlyDictionary<string, string> values, string path)
    {
        string Get(string key) => values.TryGetValue(key, out var value)
            ? value
            : throw new FixtureException(path, $"metadata has no '{key}'; not a {FormatName} file, or a damaged one");

        if (Get("format") != FormatName)
            throw new FixtureException(path, $"format is '{values["format"]}', not {FormatName}");
        if (Get("format_version") != FormatVersion.ToString())
            throw new FixtureException(path, $"format version {values["format_version"]}; this program reads version {FormatVersion}. Regenerate it with `regen`.");

        DType dtype;
        try
        {
            dtype = DTypeNames.Parse(Get("dtype"));
        }
        catch (FormatException exception)
        {
            throw new FixtureException(path, exception.Message);
        }
        if (!int.TryParse(Get("steps"), out int steps) || steps < 0)
            throw new FixtureException(path, $"steps is '{values["steps"]}', not a step count");
        var recorded = new List<int>();
        foreach (string item in Get("recorded_steps").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(item, out int step) || step < 0 || step >= steps || (recorded.Count > 0 && step <= recorded[^1]))
                throw new FixtureException(path, $"recorded_steps holds '{item}', not an increasing step below {steps}");
            recorded.Add(step);
        }
        RecordingMachine? machine = null;
        if (values.TryGetValue("recorded_cpu", out string? cpu))
        {
            if (!int.TryParse(values.GetValueOrDefault("recorded_libtorch_threads"), out int threads) || threads < 1)
                throw new FixtureException(path, $"recorded_libtorch_threads is '{values.GetValueOrDefault("recorded_libtorch_threads")}', not a thread count");
            machine = new RecordingMachine(cpu, values.GetValueOrDefault("recorded_vector_isa") ?? "unknown",
                values.GetValueOrDefault("recorded_mkl_cbwr") ?? "unknown", threads);
        }
        return new FixtureMetadata(Get("scenario_id"), Get("scenario_spec"), Get("scenario_spec_sha256"), dtype, steps, recorded,
            Get("reference"), Get("torchsharp_version"), Get("libtorch_version"), Get("created_utc"), values.GetValueOrDefault("settings"), machine);
    }
}
