using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Scenarios.Generators;

/// <summary>
/// A built-in recipe that draws a scenario's data and/or initial parameters from a seeded generator, sized by the
/// scenario's layers: <c>"generator": {"name": "spiral", "seed": 42}</c> in a scenario file. Same options, same
/// numbers, on every machine (the generators are scalar C#, no SIMD, no libtorch).
/// </summary>
public abstract class ScenarioGenerator
{
    /// <summary>Every generator a scenario file can name.</summary>
    public static readonly IReadOnlyList<ScenarioGenerator> All =
    [
        new LessonSpiralGenerator(), new SpiralGenerator(), new MnistShapedGenerator(),
        new SoftLabelsGenerator(), new SmoothRegressionGenerator(), new NumPyRandnGenerator(),
    ];

    public abstract string Name { get; }

    /// <summary>What it draws, in a line, for `new --help`-style lists and docs/scenario-files.md.</summary>
    public abstract string Summary { get; }

    /// <summary>True when it draws inputs and targets as well as parameters; false for parameters only.</summary>
    public abstract bool GivesData { get; }

    /// <summary>Draws; reads its options from <paramref name="options"/> (each with a default) and rejects unknown ones.</summary>
    public Generated Generate(JsonPlace options, IReadOnlyList<LayerSpec> layers)
    {
        var generated = Draw(options, layers);
        options.RejectUnknown();
        return generated;
    }

    protected abstract Generated Draw(JsonPlace options, IReadOnlyList<LayerSpec> layers);

    protected static int Option(JsonPlace options, string name, int fallback, int minimum = 0) =>
        options.Optional(name)?.Int(minimum) ?? fallback;

    protected static double Option(JsonPlace options, string name, double fallback) =>
        options.Optional(name)?.Number() ?? fallback;

    protected static double[] Options(JsonPlace options, string name, double[] fallback) =>
        options.Optional(name)?.Items().Select(item => item.Number()).ToArray() ?? fallback;

    /// <summary>The linear layers, in order: the ones that have parameters.</summary>
    protected static IReadOnlyList<LayerSpec> Linears(JsonPlace options, IReadOnlyList<LayerSpec> layers, int? inputs = null, int? outputs = null)
    {
        var linears = layers.Where(l => l.Kind == LayerKind.Linear).ToList();
        if (linears.Count == 0) throw options.Problem("needs at least one linear layer to size its parameters");
        if (inputs is int i && linears[0].InFeatures != i)
            throw options.Problem($"draws {i} input features, but the first linear layer takes {linears[0].InFeatures}");
        if (outputs is int o && linears[^1].OutFeatures != o)
            throw options.Problem($"draws targets for {o} outputs, but the last linear layer gives {linears[^1].OutFeatures}");
        return linears;
    }

    /// <summary>
    /// A sized list of per-layer numbers (one per linear layer): the option's value, or the default when absent.
    /// </summary>
    protected static double[] PerLayer(JsonPlace options, string name, double[] fallback, int layers)
    {
        double[] values = Options(options, name, fallback);
        if (values.Length != layers)
            throw options.Problem($"{name} has {values.Length} values, one per linear layer is {layers}");
        return values;
    }
}

/// <summary>What a generator drew: inputs and targets (null for a parameters-only generator) and the parameters.</summary>
public sealed record Generated(NamedTensor? Inputs, NamedTensor? Targets, IReadOnlyList<NamedTensor> Parameters);
