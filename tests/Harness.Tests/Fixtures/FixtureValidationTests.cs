using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Fixtures;

/// <summary>
/// A damaged, edited or incomplete fixture is a fixture problem, said in one line that names the step, tensor and
/// element: <c>run</c> does not compare with it (so never blames the code for it, and never throws), and
/// <c>check-fixtures</c> reports it.
/// </summary>
public sealed class FixtureValidationTests
{
    private string _directory = "";

    [SetUp]
    public void CreateScratchFolder() => _directory = Directory.CreateTempSubdirectory("damaged").FullName;

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_directory, recursive: true);

    private static Scenario Xor => ScenarioCatalog.Get("xor-2-2-1-float32");   // steps 0-9 recorded in a row, then every 200th

    private static SafetensorsTensor Map(SafetensorsTensor tensor, Func<double, int, double> value) =>
        SafetensorsTensor.FromDoubles(tensor.Name, tensor.DType, tensor.Shape, tensor.ToDoubles().Select((v, i) => value(v, i)).ToArray());

    private static SafetensorsFile Tensors(SafetensorsFile file, Func<SafetensorsTensor, SafetensorsTensor?> edit) =>
        new(file.Tensors.Select(edit).OfType<SafetensorsTensor>().ToList(), file.Metadata);

    private static IEnumerable<TestCaseData> Damages()
    {
        TestCaseData Case(string name, Func<SafetensorsFile, SafetensorsFile> damage, string problem) =>
            new TestCaseData(damage, problem).SetName($"DamagedFixture_{name}_IsAFixtureProblem_NotACodeFailure");

        yield return Case("EveryGradientInfinite", f => Tensors(f, t => t.Name.Contains("/grad/") ? Map(t, (_, _) => double.PositiveInfinity) : t),
            "step 0: grad/fc1.weight [0, 0] is +Inf");
        yield return Case("ANaNInAnActivation", f => Tensors(f, t => t.Name == "step/3/act/sigmoid1" ? Map(t, (v, i) => i == 5 ? double.NaN : v) : t),
            "step 3: act/sigmoid1 [2, 1] is NaN");
        yield return Case("SpecTextEditedButNotItsHash", f => new SafetensorsFile(f.Tensors,
                f.Metadata.ToDictionary(m => m.Key, m => m.Key == "scenario_spec" ? m.Value.Replace("\"learning_rate\":0.5", "\"learning_rate\":5") : m.Value)),
            "the stored spec text does not match its own sha256");
        yield return Case("ATensorMissingFromARecordedStep", f => Tensors(f, t => t.Name == "step/4/dact/fc2" ? null : t),
            "step 4: dact/fc2 is missing");
        yield return Case("AStartParameterRenamed", f => Tensors(f, t => t.Name == "step/6/start/fc1.bias"
                ? SafetensorsTensor.FromDoubles("step/6/start/fc1.bais", t.DType, t.Shape, t.ToDoubles()) : t),
            "step 6: start/fc1.bias is missing");
        yield return Case("AStartParameterTransposed", f => Tensors(f, t => t.Name == "step/2/start/fc2.weight"
                ? SafetensorsTensor.FromDoubles(t.Name, t.DType, [.. t.Shape.Reverse()], t.ToDoubles()) : t),
            "step 2: start/fc2.weight is [2, 1], the scenario makes [1, 2]");
        yield return Case("AnExtraTensorInAStep", f => new SafetensorsFile([.. f.Tensors,
                SafetensorsTensor.FromDoubles("step/5/act/fc9", SafetensorsDType.F32, [4, 2], new double[8])], f.Metadata),
            "step 5: act/fc9 is not a tensor of this scenario");
        yield return Case("StepZeroNotStartingFromTheInitialParameters", f => Tensors(f, t => t.Name == "step/0/start/fc1.bias" ? Map(t, (v, i) => i == 1 ? v + 0.25 : v) : t),
            "step 0 start/fc1.bias [1] is");
        yield return Case("AStepNotStartingWhereThePreviousEnded", f => Tensors(f, t => t.Name == "step/8/start/fc2.bias" ? Map(t, (v, _) => v * 1.0001) : t),
            "step 8 start/fc2.bias [0] is");
    }

    [TestCaseSource(nameof(Damages))]
    public void DamagedFixture(Func<SafetensorsFile, SafetensorsFile> damage, string problem)
    {
        string path = Path.Combine(_directory, Xor.Id + FixtureFile.Extension);
        var committed = SafetensorsReader.Read(FixtureStore.Locate().PathFor(Xor.Id));
        var damaged = damage(committed);
        SafetensorsWriter.Write(path, damaged.Tensors, damaged.Metadata);

        var (fixture, problems) = FixtureLoader.Load(Xor, new FixtureStore(_directory));
        var result = ParityCheck.Run(Xor with { Spec = Xor.Spec with { Steps = 12 } }, fixture, fixtureProblems: problems);

        Assert.That(fixture, Is.Null, "not compared with");
        Assert.That(problems, Has.Some.StartWith($"{path}: {problem}").And.Some.Contain("regenerate with `"), string.Join("\n", problems));
        Assert.That(problems, Has.Count.LessThanOrEqualTo(6), "a few lines, then a count");
        Assert.That(result.Error, Is.Null, "no exception");
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True, "the code is not blamed");
    }

    /// <summary>The committed xor fixture with its stored losses edited, compared over the whole run.</summary>
    private ScenarioResult RunWithLosses(Func<double, int, bool, double> edit)
    {
        string path = Path.Combine(_directory, Xor.Id + FixtureFile.Extension);
        var committed = SafetensorsReader.Read(FixtureStore.Locate().PathFor(Xor.Id));
        var recorded = FixtureFile.Parse(committed, path).Recorded;
        var edited = Tensors(committed, t => t.Name == "loss" ? Map(t, (v, step) => edit(v, step, recorded.ContainsKey(step))) : t);
        SafetensorsWriter.Write(path, edited.Tensors, edited.Metadata);
        var (fixture, problems) = FixtureLoader.Load(Xor, new FixtureStore(_directory));
        Assert.That(problems, Is.Empty, "finite and whole: only the comparison can tell");
        return ParityCheck.Run(Xor, fixture, fixtureProblems: problems);
    }

    [Test]
    public void LossesSetTo1000AtEveryUnrecordedStep_AreAJump_NotRoundingAmplified_AndTheFixtureIsBlamed()
    {
        var result = RunWithLosses((v, _, recorded) => recorded ? v : 1000.0);

        Assert.That(result.Passed, Is.False);
        foreach (string pair in new[] { ParityCheck.ManualVersusFixture, ParityCheck.TorchVersusFixture })
        {
            Assert.That(result.Pair(pair).Stepwise.Passed, Is.True, "every recorded step is right");
            Assert.That(result.Pair(pair).TrajectoryJump!.Step, Is.EqualTo(10), "the first step stored by its loss alone");
            Assert.That(result.Pair(pair).TrajectoryDrifted, Is.False);
        }
        Assert.That(result.FixtureOutvoted, Is.True);
        var lines = ComparisonTextLines(result);
        Assert.That(lines, Has.Some.Contains("both disagree with the fixture: the stored values below are wrong"));
        Assert.That(lines, Has.Some.Contains("at step 10 the free-running loss jumps to").And.Contain("the stored loss was edited or damaged"));
    }

    [Test]
    public void OneLossNudgedByATenthOfAPercent_AtAnUnrecordedStep_IsAJumpAtThatStep()
    {
        var result = RunWithLosses((v, step, _) => step == 777 ? v * 1.001 : v);

        Assert.That(result.Pair(ParityCheck.TorchVersusFixture).TrajectoryJump!.Step, Is.EqualTo(777));
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True);
    }

    [Test]
    public void ALossEditedAtARecordedStep_FailsThatStep_ForBothLiveSides_AndTheFixtureIsOutvoted()
    {
        var result = RunWithLosses((v, step, _) => step == 400 ? v * 1.001 : v);

        foreach (string pair in new[] { ParityCheck.ManualVersusFixture, ParityCheck.TorchVersusFixture })
            Assert.That((result.Pair(pair).Stepwise.FirstMismatch!.Step, result.Pair(pair).Stepwise.FirstMismatch!.Name), Is.EqualTo((400, "loss")), pair);
        Assert.That(result.FixtureOutvoted, Is.True);
    }

    private static IReadOnlyList<string> ComparisonTextLines(ScenarioResult result) => BackpropParity.Harness.Reports.ComparisonText.Lines(result);

    [Test]
    public void EveryCommittedFixture_IsWholeAndOneRun()
    {
        foreach (var scenario in ScenarioCatalog.Scenarios)
            Assert.That(FixtureValidation.Problems(FixtureFile.Load(FixtureStore.Locate().PathFor(scenario.Id)), scenario), Is.Empty, scenario.Id);
    }

    [Test]
    public void AFixturePathThatIsAFolder_IsSaidSo_AndRegenWritesNothing()
    {
        string path = Path.Combine(_directory, Xor.Id + FixtureFile.Extension);
        Directory.CreateDirectory(path);

        var (_, problems) = FixtureLoader.Load(Xor, new FixtureStore(_directory));
        var outcome = FixtureRegenerator.Regenerate(Xor, FixtureFile.Parse(SafetensorsReader.Read(FixtureStore.Locate().PathFor(Xor.Id)), "x"), path,
            () => throw new AssertionException("nothing to re-run"));

        Assert.That(problems.Single(), Does.StartWith($"{path} is a folder, not a fixture file"));
        Assert.That(outcome.Verdict, Is.EqualTo(FixtureVerdict.Refused));
        Assert.That(Directory.Exists(path), Is.True);
    }
}
