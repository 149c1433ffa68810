using System.Buffers.Binary;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Tests.Fixtures;

public sealed class FixtureTests
{
    private string _directory = "";

    [SetUp]
    public void CreateScratchFolder() => _directory = Directory.CreateTempSubdirectory("fixtures").FullName;

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_directory, recursive: true);

    private static Scenario Neuron => ScenarioCatalog.Get("three-input-neuron-float64");

    private static Fixture Record(Scenario scenario) => FixtureFile.Record(scenario, new TorchRunner().Run(scenario).Steps, "torchsharp",
        TorchRuntime.TorchSharpVersion, TorchRuntime.EnsureLoaded(), new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), RecordingMachine.Current());

    /// <summary>The committed fixture of a scenario, copied into the scratch folder.</summary>
    private string CopyCommitted(string id)
    {
        string path = Path.Combine(_directory, id + FixtureFile.Extension);
        File.Copy(FixtureStore.Locate().PathFor(id), path);
        return path;
    }

    private ScenarioResult RunAgainstScratch(Scenario scenario)
    {
        var (fixture, problems) = FixtureLoader.Load(scenario, new FixtureStore(_directory));
        return ParityCheck.Run(scenario, fixture, fixtureProblems: problems);
    }

    [Test]
    public void RecordSerializeParse_GivesBackTheSameRun()
    {
        Fixture recorded = Record(Neuron);

        Fixture parsed = FixtureFile.Parse(SafetensorsReader.Parse(FixtureFile.Serialize(recorded), "x"), "x");

        Assert.That(parsed.Metadata, Is.EqualTo(recorded.Metadata).Using<FixtureMetadata>((a, b) => a.ToStrings().SequenceEqual(b.ToStrings())));
        Assert.That(parsed.Losses, Is.EqualTo(recorded.Losses));
        Assert.That(parsed.Recorded.Keys, Is.EqualTo(recorded.Recorded.Keys));
        var original = recorded.Recorded[7];
        var copy = parsed.Recorded[7];
        Assert.That(copy.Step.Tensors.Select(t => t.Name), Is.EqualTo(original.Step.Tensors.Select(t => t.Name)), "same tensors in the same order");
        Assert.That(copy.Step.Tensors.Select(t => t.Tensor.Values), Is.EqualTo(original.Step.Tensors.Select(t => t.Tensor.Values)));
        Assert.That(copy.StartParameters.Select(p => p.Values), Is.EqualTo(original.StartParameters.Select(p => p.Values)));
    }

    [Test]
    public void Record_StoresTheParametersEachRecordedStepStartedFrom()
    {
        Fixture fixture = Record(Neuron);

        Assert.That(fixture.Recorded[0].StartParameters.Single(p => p.Name == "fc1.weight").Values, Is.EqualTo(new[] { 0.2, -0.1, 0.3 }));
        Assert.That(fixture.Recorded[5].StartParameters.Single(p => p.Name == "fc1.bias").Values,
            Is.EqualTo(fixture.Recorded[4].Step.Tensors.Single(t => t.Name == "param/fc1.bias").Tensor.Values));
    }

    [Test]
    public void RecordingPlan_RecordsShortRunsWhole_AndLongRunsAtCheckpoints()
    {
        Assert.That(RecordingPlan.RecordedSteps(50), Is.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(RecordingPlan.RecordedSteps(5000), Is.EqualTo(new[]
        {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 4999,
        }));
        Assert.That(RecordingPlan.RecordedSteps(5, parameters: 55_050), Is.EqualTo(new[] { 0 }));
        Assert.That(RecordingPlan.RecordedSteps(5, parameters: 50_000), Is.EqualTo(Enumerable.Range(0, 5)));
    }

    [Test]
    public void FixtureMetadata_HoldsEverythingNeededToReplayTheRun()
    {
        var metadata = Record(Neuron).Metadata.ToStrings();

        Assert.That(metadata["format"], Is.EqualTo("backprop-parity-fixture"));
        Assert.That(metadata["scenario_id"], Is.EqualTo("three-input-neuron-float64"));
        Assert.That(metadata["scenario_spec"], Does.Contain("\"learning_rate\":0.5").And.Contain("\"loss\":\"half_squared_error\""));
        Assert.That(metadata["scenario_spec_sha256"], Has.Length.EqualTo(64));
        Assert.That(metadata["torchsharp_version"], Is.EqualTo(TorchRuntime.TorchSharpVersion));
        Assert.That(metadata["created_utc"], Is.EqualTo("2026-11-23T00:00:00Z"));
    }

    [Test]
    public void CommittedFixtures_AreInOrder_ForEveryScenario()
    {
        var store = FixtureStore.Locate();
        foreach (var scenario in ScenarioCatalog.Scenarios)
        {
            Fixture fixture = FixtureFile.Load(store.PathFor(scenario.Id));
            Assert.That(FixtureCheck.StaleProblems(fixture, scenario), Is.Empty, scenario.Id);
            Assert.That(FixtureCheck.VersionProblems(fixture, scenario, TorchRuntime.TorchSharpVersion, TorchRuntime.EnsureLoaded()), Is.Empty, scenario.Id);
            Assert.That(new FileInfo(store.PathFor(scenario.Id)).Length, Is.LessThan(4 << 20), $"{scenario.Id}: fixtures stay small");
        }
    }

    [Test]
    public void MissingFixture_FailsTheScenario_SayingHowToCreateIt()
    {
        var result = RunAgainstScratch(Neuron);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.FixtureProblems.Single(), Does.EndWith("three-input-neuron-float64.safetensors is missing; create it with `dotnet run --project src/Cli -- regen three-input-neuron-float64`"));
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True, "the live comparison still runs");
    }

    [Test]
    public void CorruptedFixture_FailsTheScenario_NamingTheFileAndTheProblem()
    {
        string path = CopyCommitted(Neuron.Id);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);   // header length past the end
        File.WriteAllBytes(path, bytes);

        var result = RunAgainstScratch(Neuron);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.FixtureProblems.Single(), Does.StartWith(path + ": header length").And.Contain("regenerate it with"));
    }

    [Test]
    public void FixtureOfAnotherSpec_IsStale_AndNotComparedWith()
    {
        CopyCommitted(Neuron.Id);
        var changed = Neuron with { Spec = Neuron.Spec with { Optimizer = OptimizerSpec.Sgd(0.25) } };

        var result = RunAgainstScratch(changed);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.FixtureProblems.Single(), Does.Contain("stale: recorded for another spec (optimizer.learning_rate 0.5 → 0.25)"));
        Assert.That(result.Pairs.Select(p => p.Name), Is.EqualTo(new[] { ParityCheck.ManualVersusTorch }));
    }

    [Test]
    public void ANewDescriptionOrTolerance_LeavesTheFixtureCurrent_ButStepsOrALayerSizeDoNot()
    {
        var fixture = FixtureFile.Load(CopyCommitted(Neuron.Id));
        var reworded = Neuron with { Spec = Neuron.Spec with { Description = "reworded", Tolerance = new ToleranceSpec(1e-6, 1e-6, "looser, for a test") } };
        var longer = Neuron with { Spec = Neuron.Spec with { Steps = 51 } };
        var wider = Neuron with { Spec = Neuron.Spec with { Layers = [LayerSpec.Linear("fc1", 3, 2), LayerSpec.Sigmoid("sigmoid1")] } };

        Assert.That(FixtureCheck.StaleProblems(fixture, reworded), Is.Empty);
        Assert.That(FixtureCheck.StaleProblems(fixture, longer).Single(), Does.Contain("steps 50 → 51"));
        Assert.That(FixtureCheck.StaleProblems(fixture, wider), Has.Some.Contain("layers[0].out_features 1 → 2"));
    }

    [Test]
    public void ASpecFieldAddedLater_AtItsDefault_LeavesOldFixturesCurrent()
    {
        // A fixture recorded before a field existed has no such key; one recorded after holds its default, null.
        string stored = ScenarioJson.Canonical(Neuron.Spec);
        string withNewField = stored.Insert(stored.Length - 1, ",\"momentum\":null");

        Assert.That(ScenarioJson.Numbers(withNewField), Is.EqualTo(ScenarioJson.Numbers(stored)));
        Assert.That(ScenarioJson.Numbers(stored.Replace("\"steps\":50", "\"steps\":49")), Is.Not.EqualTo(ScenarioJson.Numbers(stored)));
    }

    [Test]
    public void OneNumberEditedByHand_IsCaughtByTorchAndManual_AtItsStepAndTensor()
    {
        string path = CopyCommitted(Neuron.Id);
        var file = SafetensorsReader.Read(path);
        var edited = file.Tensors.Select(t => t.Name == "step/12/grad/fc1.weight"
            ? SafetensorsTensor.FromDoubles(t.Name, t.DType, t.Shape, t.ToDoubles().Select((v, i) => i == 1 ? v * 1.001 : v).ToArray())
            : t).ToList();
        SafetensorsWriter.Write(path, edited, file.Metadata);

        var result = RunAgainstScratch(Neuron);

        Assert.That(result.Passed, Is.False);
        foreach (string pair in new[] { ParityCheck.ManualVersusFixture, ParityCheck.TorchVersusFixture })
        {
            var first = result.Pair(pair).Stepwise.FirstMismatch!;
            Assert.That((first.Step, first.Name, first.Distance!.Absolute.Index), Is.EqualTo((12, "grad/fc1.weight", "[0, 1]")), pair);
        }
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True);
    }

    [Test]
    public void Regenerate_ANewDescription_KeepsTheStoredNumbers_AndRewritesOnlyTheSpecText()
    {
        // The committed fixture may come from another CPU: its numbers are kept byte for byte all the same.
        string path = CopyCommitted(Neuron.Id);
        var before = SafetensorsReader.Read(path);
        var reworded = Neuron with { Spec = Neuron.Spec with { Description = "reworded for a test" } };

        var outcome = Regenerate(reworded, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Reworded));
        Assert.That(outcome.Written, Is.True);
        Assert.That(outcome.Lines[0], Does.StartWith("reworded, numbers kept: spec description "));
        var after = SafetensorsReader.Read(path);
        Assert.That(after.Tensors.Select(t => (t.Name, Convert.ToHexString(t.Data))), Is.EqualTo(before.Tensors.Select(t => (t.Name, Convert.ToHexString(t.Data)))));
        var fixture = FixtureFile.Load(path);
        Assert.That(fixture.Metadata.SpecJson, Does.Contain("reworded for a test"));
        Assert.That(FixtureCheck.UsabilityProblems(fixture, reworded), Is.Empty);
        Assert.That(Regenerate(reworded, path).Verdict, Is.AnyOf(FixtureVerdict.Unchanged, FixtureVerdict.WithinRounding), "a second regen has nothing to do");
    }

    private static RegenerationOutcome Regenerate(Scenario scenario, string path, RegenerationOptions? options = null) =>
        FixtureRegenerator.Regenerate(scenario, Record(scenario), path, () => new TorchRunner().StartSession(scenario), options);

    /// <summary>A fixture recorded on this machine, in the scratch folder (its bits are this machine's, whatever the CPU).</summary>
    private string RecordHere(Scenario scenario)
    {
        string path = Path.Combine(_directory, scenario.Id + FixtureFile.Extension);
        Assert.That(Regenerate(scenario, path).Verdict, Is.EqualTo(FixtureVerdict.New));
        return path;
    }

    /// <summary>Rewrites one stored tensor of a fixture file through <paramref name="edit"/> (value, flat index → value).</summary>
    private static void Edit(string path, string tensor, Func<double, int, double> edit)
    {
        var file = SafetensorsReader.Read(path);
        Assert.That(file.Contains(tensor), tensor);
        SafetensorsWriter.Write(path, file.Tensors.Select(t => t.Name == tensor
            ? SafetensorsTensor.FromDoubles(t.Name, t.DType, t.Shape, t.ToDoubles().Select((v, i) => edit(v, i)).ToArray())
            : t).ToList(), file.Metadata);
    }

    private static double NextUp(double value, DType dtype) => dtype == DType.Float32 ? MathF.BitIncrement((float)value) : Math.BitIncrement(value);

    [Test]
    public void Regenerate_AnUnchangedRun_ReportsNoChange_AndLeavesTheFileByteIdentical()
    {
        string path = RecordHere(Neuron);
        byte[] before = File.ReadAllBytes(path);
        DateTime written = File.GetLastWriteTimeUtc(path);

        var outcome = Regenerate(Neuron, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Unchanged), "one machine, one build: the same bits");
        Assert.That(outcome.Written, Is.False);
        Assert.That(outcome.Lines.Single(), Does.StartWith("no change"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written));
    }

    [TestCase("three-input-neuron-float32")]
    [TestCase("spiral-relu-bce-float32")]
    [TestCase("mnist-shaped-mlp-float64")]
    public void Regenerate_TheCommittedFixture_OnAnyMachine_IsUnchangedOrSameWithinRounding_AndLeftByteIdentical(string id)
    {
        var scenario = ScenarioCatalog.Select([id]).Single();
        string path = CopyCommitted(id);
        byte[] before = File.ReadAllBytes(path);

        var outcome = Regenerate(scenario, path);

        Assert.That(outcome.Verdict, Is.AnyOf(FixtureVerdict.Unchanged, FixtureVerdict.WithinRounding), string.Join("\n", outcome.Lines));
        Assert.That(outcome.Written, Is.False);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        if (outcome.Verdict == FixtureVerdict.WithinRounding)
            Assert.That(outcome.Lines[0], Does.StartWith("same within rounding: ").And.Contain(" ulps, ").And.Contain("checked on " + RecordingMachine.Current()));
    }

    [TestCase(DType.Float64)]
    [TestCase(DType.Float32)]
    public void Regenerate_AValueOneUlpAway_IsSameWithinRounding_AndTheFileStaysAsItWas(DType dtype)
    {
        var neuron = ScenarioCatalog.Get($"three-input-neuron-{dtype.Name()}");
        string path = RecordHere(neuron);
        Edit(path, "step/12/grad/fc1.weight", (v, i) => i == 1 ? NextUp(v, dtype) : v);
        byte[] edited = File.ReadAllBytes(path);

        var outcome = Regenerate(neuron, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.WithinRounding), string.Join("\n", outcome.Lines));
        Assert.That(outcome.Lines[0], Does.StartWith("same within rounding: 1 of 450 stored tensors differ here in the last bits (largest 1 ulps")
            .And.Contain("at step 12 grad/fc1.weight").And.Contain("recorded on " + RecordingMachine.Current()));
        Assert.That(outcome.Lines.Single(), Does.EndWith("left as it is (`regen --force` rewrites it)"), "one line per fixture");
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(edited));
    }

    [Test]
    public void Regenerate_AValueMovedBeyondTheRoundingBound_ButWithinTheParityTolerance_IsAChange_AndIsRewritten()
    {
        string path = RecordHere(Neuron);
        Edit(path, "step/12/grad/fc1.weight", (v, i) => i == 1 ? v * (1 + 1e-9) : v);   // the parity tolerance allows 1e-7

        var outcome = Regenerate(Neuron, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Changed));
        Assert.That(outcome.Written, Is.True);
        Assert.That(outcome.Lines, Has.Some.Match(@"^    step 12 grad/fc1\.weight: max \|difference\| \S+, \S+× the bound at \[0, 1\]$"));
        Assert.That(FixtureFile.Load(path).Recorded[12].Step.Tensors.Single(t => t.Name == "grad/fc1.weight").Tensor.Values,
            Is.EqualTo(Record(Neuron).Recorded[12].Step.Tensors.Single(t => t.Name == "grad/fc1.weight").Tensor.Values), "the reference's own values are back");
    }

    [Test]
    public void Regenerate_Force_RewritesAFixtureThatIsSameWithinRounding_AndDryRunWritesNothing()
    {
        string path = RecordHere(Neuron);
        Edit(path, "step/3/act/fc1", (v, _) => Math.BitIncrement(v));
        byte[] edited = File.ReadAllBytes(path);

        var dry = Regenerate(Neuron, path, new RegenerationOptions(Force: true, DryRun: true));
        Assert.That((dry.Verdict, dry.Written), Is.EqualTo((FixtureVerdict.WithinRounding, false)));
        Assert.That(dry.Lines[^1], Does.StartWith("would write ").And.EndWith("--dry-run wrote nothing"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(edited));

        var forced = Regenerate(Neuron, path, new RegenerationOptions(Force: true));
        Assert.That((forced.Verdict, forced.Written), Is.EqualTo((FixtureVerdict.WithinRounding, true)));
        Assert.That(Regenerate(Neuron, path).Verdict, Is.EqualTo(FixtureVerdict.Unchanged));
    }

    [Test]
    public void Regenerate_AChangedLearningRate_ListsTheChangedSpecField_AndTensors_ThenWrites()
    {
        string path = Path.Combine(_directory, Neuron.Id + FixtureFile.Extension);
        var other = Neuron with { Spec = Neuron.Spec with { Optimizer = OptimizerSpec.Sgd(0.25) } };
        Regenerate(other, path);

        var outcome = Regenerate(Neuron, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Changed));
        Assert.That(outcome.Written, Is.True);
        Assert.That(outcome.Lines, Has.Some.EqualTo("  spec optimizer.learning_rate 0.25 → 0.5"));
        Assert.That(outcome.Lines, Has.Some.Match(@"step/3/param/fc1\.weight: max \|difference\| \d"));
        Assert.That(FixtureCheck.StaleProblems(FixtureFile.Load(path), Neuron), Is.Empty);
    }

    [Test]
    public void Regenerate_AFreeRunThatPartsGradually_IsRounding_ButALossThatJumps_IsAChange()
    {
        var xor = ScenarioCatalog.Get("xor-one-neuron-float64");   // 2000 steps: steps 10-199 are stored by their loss alone
        string path = RecordHere(xor);
        // beyond rounding, growing, within the parity tolerance; step 200 is recorded in full, and stays
        Edit(path, "loss", (v, step) => step is >= 150 and < 200 ? v * (1 + 1e-10 * (step - 149)) : v);

        var gradual = Regenerate(xor, path, new RegenerationOptions(DryRun: true));
        Assert.That(gradual.Verdict, Is.EqualTo(FixtureVerdict.WithinRounding), string.Join("\n", gradual.Lines));
        Assert.That(gradual.Lines[0], Does.Contain("the free-running losses part at step 150 of 2000"));

        Edit(path, "loss", (v, step) => step == 120 ? 1000.0 : v);
        var jump = Regenerate(xor, path, new RegenerationOptions(DryRun: true));
        Assert.That(jump.Verdict, Is.EqualTo(FixtureVerdict.Changed));
        Assert.That(jump.Lines[1], Does.StartWith("  step 120 loss: stored 1e+03, the reference gives ").And.Contain("a jump, not rounding"));
    }

    [Test]
    public void Regenerate_ARunWithNaN_IsRefused_AndTheOldFileStays()
    {
        string path = CopyCommitted(Neuron.Id);
        byte[] before = File.ReadAllBytes(path);
        // A NaN among the inputs poisons every value the run computes.
        var diverging = Neuron with { Inputs = NamedTensor.Create("inputs", [1, 3], [0.8, double.NaN, 1.2]) };

        var outcome = Regenerate(diverging, path);

        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Refused));
        Assert.That(outcome.Lines.Single(), Does.StartWith("refused: the reference run holds NaN or Inf (step 0: loss, step 1: loss, step 2: loss, and "));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    [Test]
    public void Regenerate_ARunWithNaN_IsStored_WhenTheScenarioExpectsIt()
    {
        string path = Path.Combine(_directory, "diverging.safetensors");
        var diverging = Neuron with
        {
            Spec = Neuron.Spec with { NonFiniteExpected = "test: shows what NaN in the data does" },
            Inputs = NamedTensor.Create("inputs", [1, 3], [0.8, double.NaN, 1.2]),
        };

        var outcome = Regenerate(diverging, path);

        Assert.That((outcome.Verdict, outcome.Written), Is.EqualTo((FixtureVerdict.New, true)));
        Assert.That(File.Exists(path), Is.True);
    }

    [Test]
    public void RecordedFixture_NamesTheMachine_AndAFixtureWithoutOneStillReads()
    {
        var here = RecordingMachine.Current();
        var metadata = FixtureFile.Record(Neuron, new TorchRunner().Run(Neuron).Steps, "torchsharp", TorchRuntime.TorchSharpVersion,
            TorchRuntime.EnsureLoaded(), DateTimeOffset.UnixEpoch, here).Metadata;

        var strings = metadata.ToStrings();
        Assert.That(strings["recorded_cpu"], Is.EqualTo(here.Cpu).And.Not.Empty);
        Assert.That(strings["recorded_vector_isa"], Is.AnyOf("AVX-512", "AVX2", "NEON", "SSE2", "scalar"));
        Assert.That(strings["recorded_mkl_cbwr"], Is.EqualTo(TorchRuntime.MklCodePath).And.Not.Empty);
        Assert.That(strings["recorded_libtorch_threads"], Is.EqualTo("1"));
        Assert.That(FixtureMetadata.FromStrings(strings, "x").RecordedOn, Is.EqualTo(here));
        var old = strings.Where(s => !FixtureMetadata.MachineKeys.Contains(s.Key)).ToDictionary();
        Assert.That(FixtureMetadata.FromStrings(old, "x").RecordedOn, Is.Null);
    }

    [Test]
    public void FixtureWithAStrayTensor_IsRejected()
    {
        var bytes = FixtureFile.Serialize(Record(Neuron));
        var file = SafetensorsReader.Parse(bytes, "x");
        var extended = file.Tensors.Append(SafetensorsTensor.FromDoubles("step/999/act/fc1", SafetensorsDType.F64, [1], [1.0])).ToList();

        var error = Assert.Throws<FixtureException>(() => FixtureFile.Parse(SafetensorsReader.Parse(SafetensorsWriter.Serialize(extended, file.Metadata), "x"), "x"));
        Assert.That(error!.Message, Is.EqualTo("x: tensor 'step/999/act/fc1' belongs to no recorded step or section"));
    }

    [Test]
    public void FixtureOfAnotherFormatVersion_IsRejectedSayingWhatToDo()
    {
        var file = SafetensorsReader.Parse(FixtureFile.Serialize(Record(Neuron)), "x");
        var metadata = file.Metadata.ToDictionary(m => m.Key, m => m.Value);
        metadata["format_version"] = "99";

        var error = Assert.Throws<FixtureException>(() => FixtureFile.Parse(new SafetensorsFile(file.Tensors, metadata), "x"));
        Assert.That(error!.Message, Does.Contain("format version 99; this program reads version 1"));
    }

    [Test]
    public void FixtureTrace_HasEveryStep_CompleteOnlyWhereRecorded()
    {
        var spiral = ScenarioCatalog.Get("spiral-relu-bce-float64");
        Fixture fixture = FixtureFile.Load(FixtureStore.Locate().PathFor(spiral.Id));

        var steps = fixture.ToTrace(spiral.Spec).Steps.ToList();

        Assert.That(steps, Has.Count.EqualTo(5000));
        Assert.That(steps.Count(s => s.IsComplete), Is.EqualTo(20));
        Assert.That(steps[123].Tensors.Single().Phase, Is.EqualTo(Phase.Loss));
    }
}
