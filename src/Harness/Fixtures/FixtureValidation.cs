using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Whether a readable fixture is whole and one run: so that anything it passes, a comparison can use without an
/// exception and without blaming the code for a damaged file. Each problem is one line naming the step, tensor and
/// element:
/// <list type="bullet">
/// <item>the stored spec text matches its own sha256 (an edited spec is not a spec);</item>
/// <item>it has as many steps as the scenario;</item>
/// <item>every recorded step holds exactly the tensors the spec implies (each layer's output and its gradient, each
/// parameter's start, gradient and updated value), with their shapes: nothing missing, nothing extra;</item>
/// <item><c>init/</c> equals step 0's <c>start/</c>, and each recorded step's <c>param/</c> equals the next step's
/// <c>start/</c> where both are recorded (bit for bit: they are the same numbers of one run);</item>
/// <item>every stored value is finite, unless the scenario declares it expects NaN or Inf.</item>
/// </list>
/// </summary>
public static class FixtureValidation
{
    public static IReadOnlyList<string> Problems(Fixture fixture, Scenario scenario)
    {
        var problems = new List<string>();
        var metadata = fixture.Metadata;

        if (!metadata.SpecTextIntact)
            problems.Add($"the stored spec text does not match its own sha256 ({ScenarioJson.HashOf(metadata.SpecJson)[..12]}…, stored {Short(metadata.SpecSha256)}…): edited by hand?");
        if (metadata.Steps != scenario.Spec.Steps)
            problems.Add($"the fixture has {metadata.Steps} steps, the scenario {scenario.Spec.Steps}");

        var layout = ExpectedLayout(scenario);
        var initial = fixture.InitialParameters.ToDictionary(p => p.Name);
        RecordedStep? previous = null;
        int previousStep = -1;
        foreach (var (step, recorded) in fixture.Recorded)
        {
            var stored = recorded.StartParameters.ToDictionary(p => $"start/{p.Name}", p => p.Shape);
            foreach (var tensor in recorded.Step.Tensors) stored[tensor.Name] = tensor.Tensor.Shape;
            foreach (var (name, shape) in layout)
            {
                if (!stored.TryGetValue(name, out var found)) problems.Add($"step {step}: {name} is missing");
                else if (!found.SequenceEqual(shape)) problems.Add($"step {step}: {name} is {Text(found)}, the scenario makes {Text(shape)}");
            }
            foreach (string name in stored.Keys.Where(n => !layout.ContainsKey(n)))
                problems.Add($"step {step}: {name} is not a tensor of this scenario");

            if (step == 0)
                problems.AddRange(Differences(recorded.StartParameters, initial, p => $"step 0 start/{p}", p => $"init/{p}"));
            if (previous is not null && previousStep == step - 1)
            {
                var updated = previous.Step.Tensors.Where(t => t.Phase == Phase.Update).ToDictionary(t => t.Name["param/".Length..], t => t.Tensor);
                problems.AddRange(Differences(recorded.StartParameters, updated, p => $"step {step} start/{p}", p => $"step {previousStep}'s param/{p}",
                    " (the recorded steps are not one run)"));
            }
            (previous, previousStep) = (recorded, step);
        }

        if (scenario.Spec.NonFiniteExpected is null) problems.AddRange(NonFinite(fixture));
        return problems;
    }

    /// <summary>
    /// Every tensor one recorded step holds, by name, with its shape: <c>start/&lt;param&gt;</c>, <c>act/</c> and
    /// <c>dact/&lt;layer&gt;</c> [batch, width], <c>grad/</c> and <c>param/&lt;param&gt;</c>, <c>loss</c> []. A scalar
    /// expression's tensors are whatever its evaluation records (plain arithmetic, run once here).
    /// </summary>
    public static IReadOnlyDictionary<string, int[]> ExpectedLayout(Scenario scenario)
    {
        var layout = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var parameter in scenario.InitialParameters) layout[$"start/{parameter.Name}"] = parameter.Shape;
        if (scenario.Spec.IsExpression)
        {
            using ISession session = new ManualRunner().StartSession(scenario);
            foreach (var tensor in session.Step(0).Tensors) layout[tensor.Name] = tensor.Tensor.Shape;
            return layout;
        }
        int batch = scenario.Inputs.Shape[0], width = scenario.Inputs.Shape.Length > 1 ? scenario.Inputs.Shape[1] : 1;
        foreach (var layer in scenario.Spec.Layers)
        {
            if (layer.Kind == LayerKind.Linear) width = layer.OutFeatures;
            layout[TraceTensor.Activation(layer.Name)] = [batch, width];
            layout[TraceTensor.ActivationGradient(layer.Name)] = [batch, width];
        }
        layout[TraceTensor.LossName] = [];
        foreach (var parameter in scenario.InitialParameters)
        {
            layout[TraceTensor.ParameterGradient(parameter.Name)] = parameter.Shape;
            layout[TraceTensor.ParameterValue(parameter.Name)] = parameter.Shape;
        }
        return layout;
    }

    // Where two sets of the same parameters are not the same numbers, bit for bit: the first differing element of each.
    private static IEnumerable<string> Differences(IReadOnlyList<NamedTensor> parameters, IReadOnlyDictionary<string, NamedTensor> against,
        Func<string, string> name, Func<string, string> otherName, string why = "")
    {
        foreach (var parameter in parameters)
        {
            if (!against.TryGetValue(parameter.Name, out var other) || !other.Shape.SequenceEqual(parameter.Shape)) continue;   // the layout check says so
            for (int i = 0; i < parameter.Values.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(parameter.Values[i]) == BitConverter.DoubleToInt64Bits(other.Values[i])) continue;
                yield return $"{name(parameter.Name)} {parameter.IndexText(i)} is {parameter.Values[i]:R}, {otherName(parameter.Name)} is {other.Values[i]:R}{why}";
                break;
            }
        }
    }

    private static IEnumerable<string> NonFinite(Fixture fixture)
    {
        string? Find(NamedTensor tensor)
        {
            int i = Array.FindIndex(tensor.Values, v => !double.IsFinite(v));
            return i < 0 ? null : $"{tensor.IndexText(i)} is {Describe(tensor.Values[i])}";
        }

        foreach (var tensor in new[] { fixture.Inputs with { Name = "data/inputs" }, fixture.Targets with { Name = "data/targets" } }
                     .Concat(fixture.InitialParameters.Select(p => p with { Name = $"init/{p.Name}" })))
            if (Find(tensor) is { } where) yield return $"{tensor.Name} {where}";
        int loss = Array.FindIndex(fixture.Losses, v => !double.IsFinite(v));
        if (loss >= 0) yield return $"step {loss}: loss is {Describe(fixture.Losses[loss])}";
        foreach (var (step, recorded) in fixture.Recorded)
        {
            foreach (var parameter in recorded.StartParameters)
                if (Find(parameter) is { } where) yield return $"step {step}: start/{parameter.Name} {where}";
            foreach (var tensor in recorded.Step.Tensors.Where(t => t.Phase != Phase.Loss))
                if (Find(tensor.Tensor) is { } where) yield return $"step {step}: {tensor.Name} {where}";
        }
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    private static string Text(int[] shape) => $"[{string.Join(", ", shape)}]";

    private static string Short(string hash) => hash[..Math.Min(12, hash.Length)];
}
