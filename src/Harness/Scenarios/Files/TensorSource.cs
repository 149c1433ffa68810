using System.Text.Json;
using BackpropParity.Harness.Safetensors;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Scenarios.Files;

/// <summary>
/// Where a tensor in a scenario file comes from, and reading it:
/// <list type="bullet">
/// <item>inline: a number (a scalar), nested lists (<c>[[0, 1], [1, 0]]</c>, shape from the nesting), or
/// <c>{"shape": [2, 2], "values": [0, 1, 1, 0]}</c>;</item>
/// <item>a file beside the scenario file: <c>{"file": "x.npy"}</c>, <c>{"file": "data.npz", "key": "X"}</c>,
/// <c>{"file": "data.safetensors", "key": "inputs"}</c>, <c>{"file": "init.pt", "key": "fc1.weight"}</c>
/// (a torch.save state dict), with <c>"transpose": true</c> for a 2-D array stored [in, out] as in <c>X @ W</c>.</item>
/// </list>
/// A whole file of named tensors (<c>.pt</c>/<c>.pth</c>/<c>.bin</c>, <c>.safetensors</c>, <c>.npz</c>) can also give
/// every parameter at once: <see cref="ReadAll"/>.
/// </summary>
public sealed class TensorSource(string? folder)
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, NamedTensor>> opened = [];

    public NamedTensor Read(JsonPlace place, string name)
    {
        switch (place.Element.ValueKind)
        {
            case JsonValueKind.Number:
                return NamedTensor.Create(name, [], [place.Number()]);
            case JsonValueKind.Array:
                return Nested(place, name);
            case JsonValueKind.Object when place.Has("file"):
            {
                var file = place.Required("file", "the file's name");
                var all = Open(file);
                string? key = place.Optional("key")?.String();
                bool transpose = place.Optional("transpose")?.Bool() ?? false;
                place.RejectUnknown();
                NamedTensor tensor;
                if (key is null)
                    tensor = all.Count == 1 ? all.Values.Single()
                        : throw place.Problem($"{file.String()} holds {all.Count} arrays ({Names(all)}); name one with \"key\"");
                else
                    tensor = all.GetValueOrDefault(key) ?? throw place.Problem($"{file.String()} has no '{key}'; it has {Names(all)}");
                tensor = tensor with { Name = name };
                return transpose ? Transposed(place, tensor) : tensor;
            }
            case JsonValueKind.Object:
            {
                var shape = place.Required("shape", "a list of sizes, [] for a scalar").Items().Select(size => size.Int(0)).ToArray();
                var values = place.Required("values", "the values, row-major").Items().Select(value => value.Number()).ToArray();
                place.RejectUnknown();
                if (NamedTensor.ElementCount(shape) != values.Length)
                    throw place.Problem($"shape [{string.Join(", ", shape)}] needs {NamedTensor.ElementCount(shape)} values, \"values\" has {values.Length}");
                return NamedTensor.Create(name, shape, values);
            }
            default:
                throw place.Problem("should be a number, nested lists of numbers, {\"shape\", \"values\"} or {\"file\": ...}");
        }
    }

    /// <summary>Every tensor of a file of named tensors (a state dict, safetensors, npz), by name.</summary>
    public IReadOnlyDictionary<string, NamedTensor> ReadAll(JsonPlace place)
    {
        var file = place.Required("file", "the file's name");
        var all = Open(file);
        place.RejectUnknown();
        return all;
    }

    private IReadOnlyDictionary<string, NamedTensor> Open(JsonPlace file)
    {
        string relative = file.String();
        string path = Path.GetFullPath(Path.Combine(folder ?? Directory.GetCurrentDirectory(), relative));
        if (opened.TryGetValue(path, out var cached)) return cached;
        if (folder is null) throw file.Problem($"'{relative}': a built-in scenario cannot read files");
        if (!File.Exists(path)) throw file.Problem($"'{relative}' does not exist (looked for {path})");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            IReadOnlyDictionary<string, NamedTensor> tensors = extension switch
            {
                ".npy" => Single(NpyFile.Read(path)),
                ".npz" => NpyFile.ReadArchive(path).ToDictionary(p => p.Key, p => NamedTensor.Create(p.Key, p.Value.Shape, p.Value.Values)),
                ".safetensors" => SafetensorsReader.Read(path).Tensors.ToDictionary(t => t.Name, t => NamedTensor.Create(t.Name, t.Shape.Select(s => checked((int)s)).ToArray(), t.ToDoubles())),
                ".pt" or ".pth" or ".bin" => StateDictFile.Read(path).ToDictionary(e => e.Name, e => NamedTensor.Create(e.Name, e.Shape.Select(s => checked((int)s)).ToArray(), e.Values)),
                _ => throw file.Problem($"'{relative}': {extension} is not a tensor file this reads (.npy, .npz, .safetensors, .pt/.pth/.bin from torch.save)"),
            };
            opened[path] = tensors;
            return tensors;
        }
        catch (Exception exception) when (exception is InvalidDataException or SafetensorsFormatException or EndOfStreamException or OverflowException)
        {
            throw file.Problem($"'{relative}' cannot be read: {exception.Message.Replace(path + ": ", "").Replace(path, relative)}");
        }
    }

    private static IReadOnlyDictionary<string, NamedTensor> Single(NpyFile.Array array) =>
        new Dictionary<string, NamedTensor> { [""] = NamedTensor.Create("", array.Shape, array.Values) };

    private static string Names(IReadOnlyDictionary<string, NamedTensor> all) =>
        all.Count == 0 ? "nothing" : string.Join(", ", all.Keys.Order(StringComparer.Ordinal).Take(12)) + (all.Count > 12 ? ", ..." : "");

    private static NamedTensor Transposed(JsonPlace place, NamedTensor tensor) =>
        tensor.Shape.Length == 2 ? tensor.Transposed() : throw place.Problem($"\"transpose\" needs a 2-D array, this one is {tensor.ShapeText}");

    // Nested lists: the shape is the nesting; every list at one depth must have the same length.
    private static NamedTensor Nested(JsonPlace place, string name)
    {
        // The shape: the lengths of the first list at each depth.
        var shape = new List<int>();
        var probe = place.Element;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            if (probe.GetArrayLength() == 0) break;
            probe = probe[0];
        }
        var values = new List<double>();
        Collect(place, 0);
        return NamedTensor.Create(name, [.. shape], [.. values]);

        void Collect(JsonPlace at, int depth)
        {
            if (depth == shape.Count)
            {
                values.Add(at.Number());
                return;
            }
            if (at.Element.ValueKind != JsonValueKind.Array || at.Element.GetArrayLength() != shape[depth])
                throw at.Problem($"should be a list of {shape[depth]} (as the first one at this depth), not {(at.Element.ValueKind == JsonValueKind.Array ? $"{at.Element.GetArrayLength()}" : at.Element.ValueKind.ToString().ToLowerInvariant())}");
            foreach (var item in at.Items()) Collect(item, depth + 1);
        }
    }
}
