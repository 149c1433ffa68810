using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// A fixture as a safetensors file. Tensor names, in file order:
/// <c>data/inputs</c>, <c>data/targets</c>, <c>init/&lt;param&gt;</c>, <c>loss</c> (one value per step), then for each
/// recorded step k: <c>step/k/start/&lt;param&gt;</c> (the parameters the step started from) and
/// <c>step/k/&lt;tensor&gt;</c> for every tensor the step computed (<c>act/fc1</c>, <c>dact/fc1</c>, <c>grad/fc1.weight</c>,
/// <c>param/fc1.weight</c>). Values are stored in the run's dtype (F32 or F64), so they are exactly what it computed.
/// </summary>
public static class FixtureFile
{
    public const string Extension = ".safetensors";

    /// <summary>Records a reference run as a fixture, following <see cref="RecordingPlan"/>.</summary>
    public static Fixture Record(Scenario scenario, IEnumerable<TraceStep> referenceSteps, string reference,
        string torchSharpVersion, string libTorchVersion, DateTimeOffset created, RecordingMachine? recordedOn = null, Action<int>? onStep = null)
    {
        ScenarioSpec spec = scenario.Spec;
        var planned = RecordingPlan.RecordedSteps(spec.Steps, scenario.InitialParameters.Sum(p => (long)p.Values.Length)).ToHashSet();
        var losses = new double[spec.Steps];
        var recorded = new SortedDictionary<int, RecordedStep>();
        IReadOnlyList<NamedTensor> start = Rounded(scenario.InitialParameters, spec.DType);
        int count = 0;
        foreach (TraceStep step in referenceSteps)
        {
            if (step.Step != count || count >= spec.Steps)
                throw new InvalidOperationException($"The reference produced step {step.Step} where step {count} was expected.");
            losses[count] = step.Tensors.Single(t => t.Phase == Phase.Loss).Tensor.Values[0];
            if (planned.Contains(count)) recorded[count] = new RecordedStep(start, step);
            start = step.ParametersAfter();
            count++;
            onStep?.Invoke(count);
        }
        if (count != spec.Steps)
            throw new InvalidOperationException($"The reference stopped after {count} of {spec.Steps} steps.");

        var metadata = new FixtureMetadata(spec.Id, ScenarioJson.Canonical(spec), ScenarioJson.Hash(spec), spec.DType, spec.Steps,
            recorded.Keys.ToList(), reference, torchSharpVersion, libTorchVersion, created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            RecordedOn: recordedOn);
        return new Fixture(metadata, scenario.Inputs.RoundedTo(spec.DType), scenario.Targets.RoundedTo(spec.DType),
            Rounded(scenario.InitialParameters, spec.DType), losses, recorded);
    }

    /// <summary>Every tensor holding NaN or ±Inf, as "step 12: grad/fc1.weight".</summary>
    public static IReadOnlyList<string> NonFiniteTensors(Fixture fixture)
    {
        var found = new List<string>();
        for (int step = 0; step < fixture.Losses.Length; step++)
            if (!double.IsFinite(fixture.Losses[step])) found.Add($"step {step}: loss");
        foreach (var (step, recorded) in fixture.Recorded)
            found.AddRange(recorded.Step.Tensors.Where(t => t.Phase != Phase.Loss && !t.Tensor.Values.All(double.IsFinite)).Select(t => $"step {step}: {t.Name}"));
        return found;
    }

    public static byte[] Serialize(Fixture fixture)
    {
        var storage = fixture.Metadata.DType == DType.Float32 ? SafetensorsDType.F32 : SafetensorsDType.F64;
        SafetensorsTensor Store(string name, NamedTensor tensor) =>
            SafetensorsTensor.FromDoubles(name, storage, tensor.Shape.Select(s => (long)s).ToArray(), tensor.Values);

        var tensors = new List<SafetensorsTensor>
        {
            Store("data/inputs", fixture.Inputs),
            Store("data/targets", fixture.Targets),
        };
        tensors.AddRange(fixture.InitialParameters.Select(p => Store($"init/{p.Name}", p)));
        tensors.Add(SafetensorsTensor.FromDoubles("loss", storage, [fixture.Losses.Length], fixture.Losses));
        foreach (var (step, recorded) in fixture.Recorded)
        {
            tensors.AddRange(recorded.StartParameters.Select(p => Store($"step/{step}/start/{p.Name}", p)));
            tensors.AddRange(recorded.Step.Tensors.Where(t => t.Phase != Phase.Loss).Select(t => Store($"step/{step}/{t.Name}", t.Tensor)));
        }
        return SafetensorsWriter.Serialize(tensors, fixture.Metadata.ToStrings());
    }

    public static Fixture Load(string path)
    {
        if (!File.Exists(path))
            throw new FixtureException(path, "no such fixture");
        return Parse(SafetensorsReader.Read(path), path);
    }

    public static Fixture Parse(SafetensorsFile file, string path)
    {
        var metadata = FixtureMetadata.FromStrings(file.Metadata, path);
        var storage = metadata.DType == DType.Float32 ? SafetensorsDType.F32 : SafetensorsDType.F64;
        var used = new HashSet<string>(StringComparer.Ordinal);

        NamedTensor Read(string fileName, string name)
        {
            var tensor = file.Find(fileName) ?? throw new FixtureException(path, $"tensor '{fileName}' is missing");
            if (tensor.DType != storage)
                throw new FixtureException(path, $"tensor '{fileName}' is {tensor.DType}; a {metadata.DType.Name()} fixture stores {storage}");
            if (tensor.Shape.Any(s => s > int.MaxValue))
                throw new FixtureException(path, $"tensor '{fileName}' is too large");
            used.Add(fileName);
            return new NamedTensor(name, tensor.Shape.Select(s => (int)s).ToArray(), tensor.ToDoubles());
        }

        NamedTensor inputs = Read("data/inputs", "inputs");
        NamedTensor targets = Read("data/targets", "targets");
        var initial = file.Tensors.Where(t => t.Name.StartsWith("init/", StringComparison.Ordinal))
            .Select(t => Read(t.Name, t.Name["init/".Length..])).ToList();
        if (initial.Count == 0) throw new FixtureException(path, "no initial parameters (init/...)");
        NamedTensor losses = Read("loss", "loss");
        if (!losses.Shape.SequenceEqual([metadata.Steps]))
            throw new FixtureException(path, $"loss has shape {losses.ShapeText}; the fixture has {metadata.Steps} steps");

        var recorded = new SortedDictionary<int, RecordedStep>();
        foreach (int step in metadata.RecordedSteps)
        {
            string prefix = $"step/{step}/";
            var start = new List<NamedTensor>();
            var computed = new List<TraceTensor>();
            foreach (var tensor in file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                string name = tensor.Name[prefix.Length..];
                if (name.StartsWith("start/", StringComparison.Ordinal))
                    start.Add(Read(tensor.Name, name["start/".Length..]));
                else
                    computed.Add(new TraceTensor(PhaseOf(name, path, tensor.Name), Read(tensor.Name, name)));
            }
            if (start.Count != initial.Count)
                throw new FixtureException(path, $"step {step} has {start.Count} start parameters; the model has {initial.Count}");
            if (computed.Count == 0)
                throw new FixtureException(path, $"recorded step {step} holds no tensors");
            computed.Add(new TraceTensor(Phase.Loss, new NamedTensor(TraceTensor.LossName, [], [losses.Values[step]])));
            recorded[step] = new RecordedStep(start, new TraceStep(step, computed.OrderBy(t => t.Phase).ToList()));
        }

        var stray = file.Tensors.FirstOrDefault(t => !used.Contains(t.Name));
        if (stray is not null)
            throw new FixtureException(path, $"tensor '{stray.Name}' belongs to no recorded step or section");
        return new Fixture(metadata, inputs, targets, initial, losses.Values, recorded);
    }

    private static Phase PhaseOf(string name, string path, string fileName) => name.Split('/')[0] switch
    {
        "act" => Phase.Forward,
        "dact" => Phase.Backward,
        "grad" => Phase.Gradient,
        "param" => Phase.Update,
        "nudge" => Phase.Gradient,
        _ => throw new FixtureException(path, $"tensor '{fileName}' is of no known phase (act, dact, grad, nudge, param)"),
    };

    private static IReadOnlyList<NamedTensor> Rounded(IReadOnlyList<NamedTensor> tensors, DType dtype) =>
        tensors.Select(t => t.RoundedTo(dtype)).ToList();
}
