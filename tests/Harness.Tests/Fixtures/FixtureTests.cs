using System.Buffers.Binary;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
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

    private static Scenario Neuron => ThreeInputNeuron.Create(DType.Float64);

    private static Fixture Record(Scenario scenario) => FixtureFile.Record(scenario, new TorchRunner().Run(scenario).Steps, "torchsharp",
        TorchRuntime.TorchSharpVersion, TorchRuntime.EnsureLoaded(), new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

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
        Assert.That(result.FixtureProblems.Single(), Does.EndWith("three-input-neuron-float64.safetensors is missing; create it with `dotnet run --project src/Harness -- regen three-input-neuron-float64`"));
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
        Assert.That(result.FixtureProblems.Single(), Does.Contain("stale: recorded for another spec"));
        Assert.That(result.Pairs.Select(p => p.Name), Is.EqualTo(new[] { ParityCheck.ManualVersusTorch }));
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
            Assert.That((first.Step, first.Name, first.MaxAbsoluteIndex), Is.EqualTo((12, "grad/fc1.weight", "[0, 1]")), pair);
        }
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True);
    }

    [Test]
    public void Regenerate_AnUnchangedRun_ReportsNoChange_AndLeavesTheFileByteIdentical()
    {
        string path = CopyCommitted(Neuron.Id);
        byte[] before = File.ReadAllBytes(path);
        DateTime written = File.GetLastWriteTimeUtc(path);

        var outcome = FixtureRegenerator.Regenerate(Neuron, Record(Neuron), path);

        Assert.That(outcome.Result, Is.EqualTo(RegenerationResult.Unchanged));
        Assert.That(outcome.Lines.Single(), Does.StartWith("no change"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written));
    }

    [Test]
    public void Regenerate_AChangedRun_ListsTheChangedTensors_ThenWrites()
    {
        string path = Path.Combine(_directory, Neuron.Id + FixtureFile.Extension);
        var other = Neuron with { Spec = Neuron.Spec with { Optimizer = OptimizerSpec.Sgd(0.25) } };
        FixtureRegenerator.Regenerate(other, Record(other), path);

        var outcome = FixtureRegenerator.Regenerate(Neuron, Record(Neuron), path);

        Assert.That(outcome.Result, Is.EqualTo(RegenerationResult.Written));
        Assert.That(outcome.Lines, Has.Some.Contains("metadata scenario_spec: changed"));
        Assert.That(outcome.Lines, Has.Some.Match(@"step/3/param/fc1\.weight: max \|difference\| \d"));
        Assert.That(FixtureCheck.StaleProblems(FixtureFile.Load(path), Neuron), Is.Empty);
    }

    [Test]
    public void Regenerate_ARunWithNaN_IsRefused_AndTheOldFileStays()
    {
        string path = CopyCommitted(Neuron.Id);
        byte[] before = File.ReadAllBytes(path);
        // A NaN among the inputs poisons every value the run computes.
        var diverging = Neuron with { Inputs = NamedTensor.Create("inputs", [1, 3], [0.8, double.NaN, 1.2]) };

        var outcome = FixtureRegenerator.Regenerate(diverging, Record(diverging), path);

        Assert.That(outcome.Result, Is.EqualTo(RegenerationResult.Refused));
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

        var outcome = FixtureRegenerator.Regenerate(diverging, Record(diverging), path);

        Assert.That(outcome.Result, Is.EqualTo(RegenerationResult.Written));
        Assert.That(File.Exists(path), Is.True);
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
        var spiral = SpiralReluBce.Create(DType.Float64);
        Fixture fixture = FixtureFile.Load(FixtureStore.Locate().PathFor(spiral.Id));

        var steps = fixture.ToTrace(spiral.Spec).Steps.ToList();

        Assert.That(steps, Has.Count.EqualTo(5000));
        Assert.That(steps.Count(s => s.IsComplete), Is.EqualTo(20));
        Assert.That(steps[123].Tensors.Single().Phase, Is.EqualTo(Phase.Loss));
    }
}
