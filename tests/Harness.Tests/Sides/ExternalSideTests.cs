using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides.External;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Tests.Sides;

/// <summary>A program as a side: what it is given, what it must write, and one clear line for each way it can fail.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ExternalSideTests
{
    private static readonly Scenario Neuron = ScenarioCatalog.Get("three-input-neuron-float64") with { Spec = ScenarioCatalog.Get("three-input-neuron-float64").Spec with { Steps = 3 } };

    private static Fixture Recording(Scenario scenario) =>
        FixtureFile.Record(scenario, new TorchRunner().Run(scenario).Steps, "torch", TorchRuntime.TorchSharpVersion, "-", DateTimeOffset.UnixEpoch);

    private static (SideResponse? Response, string? Problem) Answer(string command, Scenario? scenario = null, int timeoutSeconds = 60)
    {
        scenario ??= Neuron;
        return ExternalSide.Parse($"test-side={command}", TimeSpan.FromSeconds(timeoutSeconds)).Run([(scenario, Recording(scenario))]).Single();
    }

    // A side that answers with a file the test wrote: `cp FILE "$2"`.
    private static (SideResponse? Response, string? Problem) AnswerWith(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        string file = Path.Combine(Path.GetTempPath(), $"answer-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafetensorsWriter.Write(file, tensors, metadata);
            return Answer($"cp '{file}' \"$2\" && true");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static SafetensorsTensor F64(string name, long[] shape, params double[] values) => SafetensorsTensor.FromDoubles(name, SafetensorsDType.F64, shape, values);

    [Test]
    public void TheRequest_HoldsTheSpecTheDataTheInitialParameters_AndEachReplayedStepsStart()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"request-{Guid.NewGuid():N}.safetensors");
        try
        {
            var (_, problem) = Answer($"cp \"$1\" '{copy}'; exit 7");
            var request = SafetensorsReader.Read(copy);

            Assert.That(problem, Does.Contain("exit 7"));
            Assert.That(request.Metadata["protocol"], Is.EqualTo(SideRequest.Protocol));
            Assert.That(request.Metadata["scenario_spec"], Is.EqualTo(ScenarioJson.Canonical(Neuron.Spec)));
            Assert.That(request.Metadata["recorded_steps"], Is.EqualTo("0,1,2"));
            Assert.That(request.Tensors.Select(t => t.Name), Is.SupersetOf(new[] { "data/inputs", "data/targets", "init/fc1.weight", "step/2/start/fc1.bias" }));
            Assert.That(request.Find("init/fc1.weight")!.ToDoubles(), Is.EqualTo(Neuron.InitialParameters.Single(p => p.Name == "fc1.weight").Values));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [TestCase("echo 'it broke here' >&2; exit 3", "side test-side failed (exit 3): it broke here")]
    [TestCase("true", "side test-side exited 0 but wrote no response for three-input-neuron-float64")]
    [TestCase("printf 'not safetensors' > \"$2\"", "side test-side, three-input-neuron-float64: the response is not a readable safetensors file")]
    [TestCase("no-such-program-anywhere", "side test-side failed (exit 127)")]
    public void ASideThatFails_IsOneLine_NamingTheSide(string command, string expected)
    {
        var (response, problem) = Answer(command);

        Assert.That(response, Is.Null);
        Assert.That(problem, Does.StartWith(expected));
        Assert.That(problem, Does.Not.Contain("\n"));
    }

    [Test]
    public void ASideThatHangs_IsKilledAtItsTimeout()
    {
        var (response, problem) = Answer("sleep 30; true", timeoutSeconds: 1);

        Assert.That(response, Is.Null);
        Assert.That(problem, Is.EqualTo("side test-side failed (exit -1): no answer within 1 s; killed"));
    }

    [Test]
    public void AResponseWithoutLosses_OrOfAnotherStep_OrOfNoKnownKind_IsRefusedByName()
    {
        Assert.That(AnswerWith([F64("step/0/grad/fc1.bias", [1], 0.1)]).Problem,
            Is.EqualTo("side test-side, three-input-neuron-float64: no tensor 'loss' (the loss of every free-running step, shape [3])"));
        Assert.That(AnswerWith([F64("loss", [2], 1, 2)]).Problem, Does.Contain("'loss' has shape [2], the scenario has 3 steps"));
        Assert.That(AnswerWith([F64("loss", [3], 1, 2, 3), F64("step/9/loss", [], 1)]).Problem, Does.Contain("tensor 'step/9/loss' is not of a step it was asked to replay (0, 1, 2)"));
        Assert.That(AnswerWith([F64("loss", [3], 1, 2, 3), F64("step/0/weights/fc1", [1], 1)]).Problem, Does.Contain("tensor 'step/0/weights/fc1' is of no known kind"));
        Assert.That(AnswerWith([F64("loss", [3], 1, 2, 3)], new Dictionary<string, string> { ["settings"] = "[1,2]" }).Problem, Does.Contain("metadata 'settings' is not a JSON object of strings"));
    }

    [Test]
    public void MissingTensorsWrongShapesAndNaN_FailTheComparison_NamingTheTensor()
    {
        var recording = Recording(Neuron);
        var (response, problem) = AnswerWith([
            F64("loss", [3], double.NaN, 0.5, 0.5),
            F64("step/0/loss", [], double.NaN),
            F64("step/0/grad/fc1.weight", [1, 2], 0.1, 0.2),
        ]);
        Assert.That(problem, Is.Null);

        var pair = ExternalComparison.Compare(Neuron, recording, "torch", response!, "test-side");
        string report = string.Join("\n", ComparisonText.Lines(pair));

        Assert.That(pair.Passed, Is.False);
        Assert.That(pair.Stepwise.FirstMismatch!.Step, Is.EqualTo(0));
        Assert.That(pair.Stepwise.FailuresAtFirstFailingStep.Select(f => f.Problem), Does.Contain("test-side (re-synced each step) did not record grad/fc1.bias").And.Contain("shape differs: expected [1, 3], actual [1, 2]"), report);
        Assert.That(pair.Stepwise.FailuresAtFirstFailingStep.Select(f => f.Name), Does.Contain("grad/fc1.weight").And.Contain("loss"));
    }

    [Test]
    public void ASideThatDoesNotSupportAScenario_IsSkipped_WithItsReason()
    {
        var (response, _) = AnswerWith([], new Dictionary<string, string> { ["unsupported"] = "no sigmoid here" });

        var pair = ExternalComparison.Compare(Neuron, Recording(Neuron), "torch", response!, "test-side");

        Assert.That((pair.Passed, pair.Skipped), Is.EqualTo((true, "no sigmoid here")));
    }

    [TestCase("numpy", "give NAME=COMMAND")]
    [TestCase("NumPy=python3 x.py", "may hold only lowercase letters, digits and '-'")]
    [TestCase("torch=python3 x.py", "'torch' is a built-in side's name")]
    [TestCase("numpy=  ", "give NAME=COMMAND")]
    public void ABadSideOption_IsBadInput(string option, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => ExternalSide.Parse(option));

        Assert.That(error!.Message, Does.Contain(expected));
    }
}
