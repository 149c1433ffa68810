using BackpropParity.Harness.Scenarios.Builtin;

namespace BackpropParity.Harness.Scenarios;

/// <summary>The built-in scenarios, each in float64 and float32, by id.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<Scenario>> All = new(() =>
    [
        .. Both(ThreeInputNeuron.Create),
        .. Both(SpiralReluBce.Create),
        .. Both(SpiralLesson.Create),
        .. Both(LessonNetworks.NeuronWidget),
        .. Both(LessonNetworks.Neuron51),
        .. Both(LessonNetworks.NumPyNeuron),
        .. Both(LessonNetworks.XorOneNeuron),
        .. Both(LessonNetworks.Xor221),
        .. Both(TanhXor.Create),
        .. Both(SpiralSoftmax.Create),
        .. Both(MnistShapedMlp.Create),
        .. Both(AwkwardShapes.SoftLabels),
        .. Both(AwkwardShapes.Regression),
        .. LessonExpressions.All(),
    ]);

    public static IReadOnlyList<Scenario> Scenarios => All.Value;

    /// <summary>
    /// Resolves ids: an exact id (<c>spiral-relu-bce-float32</c>) or a base name that selects every dtype
    /// (<c>spiral-relu-bce</c>). No ids means every scenario. An unknown id is an error that lists the known ones.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return Scenarios;
        var selected = new List<Scenario>();
        foreach (string id in ids)
        {
            var matches = Scenarios.Where(s => s.Id == id || s.Id.StartsWith(id + "-", StringComparison.Ordinal)
                                                           && DTypeSuffix(s.Id[(id.Length + 1)..])).ToList();
            if (matches.Count == 0)
                throw new UnknownScenarioException(id, Scenarios.Select(s => s.Id));
            selected.AddRange(matches.Where(m => !selected.Contains(m)));
        }
        return selected;
    }

    private static bool DTypeSuffix(string suffix) => suffix is "float32" or "float64";

    private static IEnumerable<Scenario> Both(Func<DType, Scenario> create) => [create(DType.Float64), create(DType.Float32)];
}
