using System.Text.Json;
using System.Text.RegularExpressions;
using BackpropParity.Harness.Scenarios.Generators;

namespace BackpropParity.Harness.Scenarios.Files;

/// <summary>
/// A scenario file (JSON, format <c>backprop-parity-scenario/1</c>, schema in docs/scenario-files.md): a network,
/// its loss and optimizer, how many steps, in which dtype(s), and where its data and initial parameters come from.
/// Reading one checks everything a run would trip over later, and says where: the file, the JSON path, the problem.
/// Comments (<c>//</c>, <c>/* */</c>) and trailing commas are allowed.
/// </summary>
public static partial class ScenarioFile
{
    public const string Format = "backprop-parity-scenario/1";
    public const string Extension = ".json";

    /// <summary>The scenarios a file defines: one per dtype it lists.</summary>
    public static IReadOnlyList<Scenario> Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ScenarioFileException(path, "", "does not exist");
        return Parse(File.ReadAllText(full), path, Path.GetDirectoryName(full)) .Select(s => s with { File = full }).ToList();
    }

    /// <summary>Every *.json file of a folder (not its subfolders), in name order; two scenarios with one id are an error.</summary>
    public static IReadOnlyList<Scenario> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new BadInputException($"{folder}: no such folder of scenario files");
        var files = Directory.GetFiles(folder, "*" + Extension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new BadInputException($"{folder}: no scenario files (*.json) in it");
        return Distinct(files.SelectMany(Load));
    }

    /// <summary>Scenarios from several files and folders; an id defined twice names both files.</summary>
    public static IReadOnlyList<Scenario> Distinct(IEnumerable<Scenario> scenarios)
    {
        var seen = new Dictionary<string, Scenario>();
        foreach (var scenario in scenarios)
        {
            if (seen.TryGetValue(scenario.Id, out var first))
                throw new BadInputException($"{scenario.File}: id '{scenario.Id}' is also defined by {first.File ?? "a built-in scenario"}; give each scenario its own id");
            seen[scenario.Id] = scenario;
        }
        return [.. seen.Values];
    }

    /// <param name="text">The file's text.</param>
    /// <param name="file">How to name the file in messages.</param>
    /// <param name="folder">Where relative data and checkpoint paths start; null: none may be read (built-ins).</param>
    public static IReadOnlyList<Scenario> Parse(string text, string file, string? folder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new ScenarioFileException(file, "", $"is not valid JSON: line {exception.LineNumber + 1}, column {exception.BytePositionInLine + 1}: {exception.Message.Split(" LineNumber")[0]}");
        }
        using (document)
        {
            var root = new JsonPlace(file, "", document.RootElement);
            if (root.Element.ValueKind != JsonValueKind.Object) throw root.Problem("should be one JSON object: {\"format\": \"" + Format + "\", \"id\": ..., ...}");
            var format = root.Required("format", $"\"{Format}\"");
            if (format.String() != Format) throw format.Problem($"'{format.String()}' is not a format this reads; it reads \"{Format}\"");

            var idPlace = root.Required("id", "a name of lower-case letters, digits, '-', '_' or '.'");
            string id = idPlace.String();
            if (!IsValidId(id)) throw idPlace.Problem($"'{id}' should be lower-case letters, digits, '-', '_' or '.' (it names the fixture file)");
            string description = root.Optional("description")?.String() ?? "";
            var dtypes = DTypes(root.Required("dtype", "\"float64\", \"float32\" or [\"float64\", \"float32\"]"));

            string? expression = root.Optional("expression")?.String();
            var scenario = expression is null ? Network(root, folder) : Expression(root, folder, expression);
            var tolerance = Tolerance(root.Optional("tolerance"));
            string? nonFinite = root.Optional("non_finite_expected")?.String();
            root.RejectUnknown();

            return dtypes.Select(dtype => scenario with
            {
                Spec = scenario.Spec with
                {
                    Id = dtypes.Suffixed ? $"{id}-{dtype.Name()}" : id,
                    Description = description,
                    DType = dtype,
                    Tolerance = tolerance,
                    NonFiniteExpected = nonFinite,
                },
            }).ToList();
        }
    }

    private sealed class DTypeList(IReadOnlyList<DType> dtypes, bool suffixed) : List<DType>(dtypes)
    {
        public bool Suffixed { get; } = suffixed;
    }

    // "float64" → one scenario, the id as written; a list → one per dtype, the id suffixed "-float64", "-float32".
    private static DTypeList DTypes(JsonPlace place)
    {
        if (place.Element.ValueKind == JsonValueKind.String) return new DTypeList([DType(place)], suffixed: false);
        var list = place.Items().Select(DType).ToList();
        if (list.Count == 0) throw place.Problem("lists no dtype");
        if (list.Distinct().Count() != list.Count) throw place.Problem("lists a dtype twice");
        return new DTypeList(list, suffixed: true);
    }

    private static DType DType(JsonPlace place) => place.String() switch
    {
        "float64" => Scenarios.DType.Float64,
        "float32" => Scenarios.DType.Float32,
        string other => throw place.Problem($"'{other}' is not a dtype; known: float64, float32"),
    };

    private static Scenario Network(JsonPlace root, string? folder)
    {
        var layers = Layers(root.Required("layers", "the network, a list of {\"kind\": ...}"));
        var loss = Loss(root.Required("loss", $"one of {string.Join(", ", LossKinds.Keys)}"));
        var optimizer = Optimizer(root.Required("optimizer", "{\"kind\": \"sgd\", \"learning_rate\": 0.1}"));
        int steps = root.Required("steps", "how many training steps, at least 1").Int(1);

        var sources = new TensorSource(folder);
        Generated? generated = null;
        if (root.Optional("generator") is { } generatorPlace)
        {
            var namePlace = generatorPlace.Required("name", $"one of {string.Join(", ", ScenarioGenerator.All.Select(g => g.Name))}");
            var generator = ScenarioGenerator.All.FirstOrDefault(g => g.Name == namePlace.String())
                ?? throw namePlace.Problem($"'{namePlace.String()}' is not a generator; known: {string.Join(", ", ScenarioGenerator.All.Select(g => g.Name))}");
            generated = generator.Generate(generatorPlace, layers);
        }
        var inputs = DataTensor(root, "inputs", generated?.Inputs, sources);
        var targets = DataTensor(root, "targets", generated?.Targets, sources);
        var parameters = Parameters(root, generated, layers, sources);

        CheckData(root, layers, loss, inputs, targets);
        var spec = new ScenarioSpec("", "", Scenarios.DType.Float64, layers, loss, optimizer, steps);
        return new Scenario(spec, inputs, targets, parameters);
    }

    private static Scenario Expression(JsonPlace root, string? folder, string expression)
    {
        var place = root.Optional("expression")!;
        if (!Expressions.Inputs.TryGetValue(expression, out var names))
            throw place.Problem($"'{expression}' is not an expression; known: {string.Join(", ", Expressions.Inputs.Keys)}");
        var parametersPlace = root.Required("parameters", $"the expression's inputs by name: {string.Join(", ", names)}");
        var sources = new TensorSource(folder);
        var given = parametersPlace.Properties().ToDictionary(p => p.Name, p => sources.Read(p.Value, p.Name));
        foreach (string name in given.Keys.Where(n => !names.Contains(n)))
            throw parametersPlace.Problem($"'{name}' is not an input of {expression}; its inputs are {string.Join(", ", names)}");
        var parameters = names.Select(name => given.GetValueOrDefault(name)
            ?? throw parametersPlace.Problem($"has no '{name}'; {expression} needs {string.Join(", ", names)}")).ToList();
        foreach (var parameter in parameters.Where(p => p.Shape.Length != 0))
            throw parametersPlace.Problem($"'{parameter.Name}' should be one number, not {parameter.ShapeText}");
        var spec = new ScenarioSpec("", "", Scenarios.DType.Float64, [], LossKind.MeanSquaredError, OptimizerSpec.Sgd(0), Steps: 1, Expression: expression);
        return new Scenario(spec, NamedTensor.Create("inputs", [0], []), NamedTensor.Create("targets", [0], []), parameters);
    }

    private static readonly IReadOnlyDictionary<string, LayerKind> LayerKinds = new Dictionary<string, LayerKind>
    {
        ["linear"] = LayerKind.Linear, ["relu"] = LayerKind.ReLU, ["sigmoid"] = LayerKind.Sigmoid, ["tanh"] = LayerKind.Tanh,
    };

    private static readonly IReadOnlyDictionary<string, LossKind> LossKinds = new Dictionary<string, LossKind>
    {
        ["mean_squared_error"] = LossKind.MeanSquaredError,
        ["half_squared_error"] = LossKind.HalfSquaredError,
        ["binary_cross_entropy"] = LossKind.BinaryCrossEntropy,
        ["softmax_cross_entropy"] = LossKind.SoftmaxCrossEntropy,
    };

    // Each layer: {"kind": "linear", "in_features": 2, "out_features": 16} or {"kind": "relu"}, with an optional "name".
    // Unnamed layers get PyTorch-style names from their place: the k-th linear layer is fck, an activation after it
    // <kind>k (fc1, relu1, fc2, sigmoid2): its parameters are then fc1.weight, fc1.bias, ...
    private static IReadOnlyList<LayerSpec> Layers(JsonPlace place)
    {
        var layers = new List<LayerSpec>();
        int linears = 0;
        (int Index, int Out)? previous = null;
        foreach (var item in place.Items())
        {
            var kindPlace = item.Required("kind", $"one of {string.Join(", ", LayerKinds.Keys)}");
            if (!LayerKinds.TryGetValue(kindPlace.String(), out var kind))
                throw kindPlace.Problem($"'{kindPlace.String()}' is not a layer kind; known: {string.Join(", ", LayerKinds.Keys)}");
            if (kind == LayerKind.Linear) linears++;
            string name = item.Optional("name")?.String() ?? (kind == LayerKind.Linear ? $"fc{linears}" : $"{kindPlace.String()}{linears}");
            if (layers.Any(l => l.Name == name)) throw item.Problem($"name '{name}' is used by an earlier layer; give each layer its own name");
            int index = layers.Count;
            if (kind == LayerKind.Linear)
            {
                var inPlace = item.Required("in_features", "the input size");
                int inFeatures = inPlace.Int(1), outFeatures = item.Required("out_features", "the output size").Int(1);
                if (previous is { } p && p.Out != inFeatures)
                    throw new ScenarioFileException(place.File, inPlace.Path, $"{inFeatures} does not match {place.Path}[{p.Index}].out_features {p.Out}");
                previous = (index, outFeatures);
                layers.Add(LayerSpec.Linear(name, inFeatures, outFeatures));
            }
            else
            {
                if (previous is null) throw kindPlace.Problem($"'{kindPlace.String()}' comes before any linear layer; start with a linear layer");
                layers.Add(new LayerSpec(name, kind));
            }
            item.RejectUnknown();
        }
        if (layers.Count == 0) throw place.Problem("lists no layer");
        return layers;
    }

    private static LossKind Loss(JsonPlace place) => LossKinds.TryGetValue(place.String(), out var loss) ? loss
        : throw place.Problem($"'{place.String()}' is not a loss; known: {string.Join(", ", LossKinds.Keys)}");

    private static OptimizerSpec Optimizer(JsonPlace place)
    {
        var kind = place.Required("kind", "\"sgd\"");
        if (kind.String() != "sgd") throw kind.Problem($"'{kind.String()}' is not an optimizer this runs; known: sgd");
        var rate = place.Required("learning_rate", "a positive number");
        double learningRate = rate.Number();
        if (learningRate <= 0) throw rate.Problem($"{learningRate} should be above 0");
        place.RejectUnknown();
        return OptimizerSpec.Sgd(learningRate);
    }

    private static ToleranceSpec? Tolerance(JsonPlace? place)
    {
        if (place is null) return null;
        var rtol = place.Required("rtol", "the relative tolerance");
        var atol = place.Required("atol", "the absolute tolerance");
        string reason = place.Required("reason", "why this scenario needs its own tolerance").String();
        if (rtol.Number() < 0) throw rtol.Problem("should not be negative");
        if (atol.Number() < 0) throw atol.Problem("should not be negative");
        if (reason.Trim().Length == 0) throw place.Problem("\"reason\" is empty; say why the default does not fit");
        place.RejectUnknown();
        return new ToleranceSpec(rtol.Number(), atol.Number(), reason);
    }

    private static NamedTensor DataTensor(JsonPlace root, string name, NamedTensor? generated, TensorSource sources)
    {
        var place = root.Optional(name);
        if (place is not null && generated is not null) throw place.Problem("is given twice: here and by the generator; keep one");
        if (place is null) return generated ?? throw root.Problem($"needs \"{name}\" (or a \"generator\" that draws data)");
        var tensor = sources.Read(place, name);
        CheckFinite(place, tensor);
        return tensor;
    }

    private static IReadOnlyList<NamedTensor> Parameters(JsonPlace root, Generated? generated, IReadOnlyList<LayerSpec> layers, TensorSource sources)
    {
        var place = root.Optional("parameters");
        if (place is not null && generated is not null) throw place.Problem("is given twice: here and by the generator; keep one");
        IReadOnlyDictionary<string, NamedTensor> given;
        JsonPlace where;
        if (place is null)
        {
            given = (generated ?? throw root.Problem("needs \"parameters\" (or a \"generator\" that draws them)")).Parameters.ToDictionary(p => p.Name);
            where = root.Optional("generator")!;
        }
        else
        {
            given = place.Has("file")
                ? sources.ReadAll(place)
                : place.Properties().ToDictionary(p => p.Name, p => sources.Read(p.Value, p.Name));
            where = place;
            foreach (var tensor in given.Values) CheckFinite(place, tensor);
        }

        // What the layers need, in their order: every linear layer's weight [out, in] and bias [out].
        var needed = layers.Where(l => l.Kind == LayerKind.Linear)
            .SelectMany(l => new[] { (Name: $"{l.Name}.weight", Shape: new[] { l.OutFeatures, l.InFeatures }), (Name: $"{l.Name}.bias", Shape: new[] { l.OutFeatures }) })
            .ToList();
        string need = string.Join(", ", needed.Select(n => $"{n.Name} [{string.Join(", ", n.Shape)}]"));
        foreach (string extra in given.Keys.Where(k => needed.All(n => n.Name != k)).Order(StringComparer.Ordinal))
            throw where.Problem($"has '{extra}', which belongs to no layer; the layers need {need}");
        var parameters = new List<NamedTensor>();
        foreach (var (name, shape) in needed)
        {
            var tensor = given.GetValueOrDefault(name) ?? throw where.Problem($"has no '{name}'; the layers need {need}");
            if (!tensor.Shape.SequenceEqual(shape))
                throw where.Problem($"'{name}' has shape {tensor.ShapeText}, its layer needs [{string.Join(", ", shape)}]");
            parameters.Add(tensor with { Name = name });
        }
        return parameters;
    }

    private static void CheckFinite(JsonPlace place, NamedTensor tensor)
    {
        int bad = Array.FindIndex(tensor.Values, v => !double.IsFinite(v));
        if (bad >= 0) throw place.Problem($"'{(tensor.Name.Length > 0 ? tensor.Name : "the array")}' holds {tensor.Values[bad]} at {tensor.IndexText(bad)}; data and parameters must be finite");
    }

    // inputs [batch, in] for the first linear layer; targets [batch, out] for the last, or class indices [batch, 1].
    private static void CheckData(JsonPlace root, IReadOnlyList<LayerSpec> layers, LossKind loss, NamedTensor inputs, NamedTensor targets)
    {
        int firstIndex = layers.ToList().FindIndex(l => l.Kind == LayerKind.Linear);
        int lastIndex = layers.ToList().FindLastIndex(l => l.Kind == LayerKind.Linear);
        LayerSpec first = layers[firstIndex], last = layers[lastIndex];
        string Where(string name) => root.Optional("generator") is not null && root.Optional(name) is null ? $"{name} (from the generator)" : name;

        if (inputs.Shape.Length != 2 || inputs.Shape[0] < 1)
            throw new ScenarioFileException(root.File, Where("inputs"), $"should be [batch, features], not {inputs.ShapeText}");
        if (inputs.Shape[1] != first.InFeatures)
            throw new ScenarioFileException(root.File, Where("inputs"), $"shape {inputs.ShapeText} does not match layers[{firstIndex}].in_features {first.InFeatures}");
        int columns = loss == LossKind.SoftmaxCrossEntropy ? 1 : last.OutFeatures;
        if (targets.Shape.Length != 2 || targets.Shape[0] != inputs.Shape[0] || targets.Shape[1] != columns)
            throw new ScenarioFileException(root.File, Where("targets"), loss == LossKind.SoftmaxCrossEntropy
                ? $"shape {targets.ShapeText} should be [{inputs.Shape[0]}, 1]: one class index per input row"
                : $"shape {targets.ShapeText} should be [{inputs.Shape[0]}, {columns}]: one row per input row, layers[{lastIndex}].out_features columns");
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            int bad = Array.FindIndex(targets.Values, v => v < 0 || v >= last.OutFeatures || v != Math.Floor(v));
            if (bad >= 0)
                throw new ScenarioFileException(root.File, Where("targets"), $"holds {targets.Values[bad]} at {targets.IndexText(bad)}: a class index is a whole number from 0 to {last.OutFeatures - 1}");
        }
    }

    /// <summary>A scenario id: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit (it names files).</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
