using System.Text.Json;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Python;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides.External;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Models;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Tests.Python;

/// <summary>
/// Real PyTorch (Debian's python3-torch) replays every fixture. Without it these tests are skipped with the reason,
/// unless BACKPROP_PARITY_REQUIRE_PYTHON=1 (CI sets it), which makes a missing PyTorch a failure. The replays run in
/// Python processes of their own, so this fixture runs beside the parity tests rather than after them.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class PythonReplayTests
{
    private static readonly Lazy<(PythonReplay? Replay, string? Unavailable)> Python = new(PythonReplay.Locate);

    private static PythonReplay RequirePython()
    {
        var (replay, unavailable) = Python.Value;
        if (replay is not null) return replay;
        throw PythonRequirement.Missing(PythonRequirement.Required
            ? $"PyTorch replay required but unavailable: {unavailable}"
            : $"PyTorch replay skipped: {unavailable}");
    }

    // Every fixture replayed in one Python process, once for all the tests below.
    private static readonly Lazy<IReadOnlyDictionary<string, SideResponse>> Replays = new(() =>
    {
        var python = RequirePython();
        var store = FixtureStore.Locate();
        var scenarios = ScenarioCatalog.Scenarios;
        var replays = python.ReplayAll(scenarios.Select(s => (s, FixtureFile.Load(store.PathFor(s.Id)))).ToList());
        return scenarios.Select((s, i) => (s.Id, Replay: replays[i])).ToDictionary(r => r.Id, r => r.Replay);
    });

    private static IEnumerable<TestCaseData> Scenarios() =>
        ScenarioCatalog.Scenarios.Select(s => new TestCaseData(s).SetName($"PyTorch_Replays_{s.Id}_AndAgreesWithTheFixture"));

    [TestCaseSource(nameof(Scenarios))]
    public void PyTorch_ReplaysTheFixture_AndAgrees(Scenario scenario)
    {
        RequirePython();
        var stored = FixtureFile.Load(FixtureStore.Locate().PathFor(scenario.Id));
        using var torch = new TorchRunner().StartSession(scenario);

        var pair = PythonReplay.Compare(scenario, stored, Replays.Value[scenario.Id], torch.Settings);

        string report = string.Join(Environment.NewLine, ComparisonText.Lines(pair));
        Assert.That(pair.Passed, Is.True, report);
        Assert.That(pair.SettingsDifferences, Is.Empty, "PyTorch's settings are TorchSharp's");
        Assert.That(pair.Stepwise.StepsCompared, Is.EqualTo(stored.Recorded.Count));
    }

    // The replay reads a fixture's data, initial parameters and each recorded step's starting parameters, never a
    // recorded activation or gradient, so the edited file below replays exactly as the committed one: the test reuses
    // that replay instead of starting PyTorch again (a Python process costs seconds of the suite's two cores).
    [Test]
    public void AFixtureEditedByHand_IsCaughtByThePyTorchReplay_AtItsStepAndTensor()
    {
        RequirePython();
        var scenario = ScenarioCatalog.Get("three-input-neuron-float64");
        string path = Path.Combine(Path.GetTempPath(), $"edited-{Guid.NewGuid():N}.safetensors");
        try
        {
            var file = SafetensorsReader.Read(FixtureStore.Locate().PathFor(scenario.Id));
            var edited = file.Tensors.Select(t => t.Name == "step/7/dact/fc1"
                ? SafetensorsTensor.FromDoubles(t.Name, t.DType, t.Shape, t.ToDoubles().Select(v => v + 1e-3).ToArray())
                : t).ToList();
            SafetensorsWriter.Write(path, edited, file.Metadata);
            var stored = FixtureFile.Load(path);

            var pair = PythonReplay.Compare(scenario, stored, Replays.Value[scenario.Id], torchSharpSettings: null);

            Assert.That(pair.Passed, Is.False);
            Assert.That((pair.Stepwise.FirstMismatch!.Step, pair.Stepwise.FirstMismatch.Name), Is.EqualTo((7, "dact/fc1")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void StateDicts_GoFromManualThroughPyTorchIntoTorchSharpAndBack()
    {
        var python = RequirePython();
        string directory = Directory.CreateTempSubdirectory("state-dict").FullName;
        try
        {
            var fc1 = new Linear<double>("fc1", 3, 2);
            var fc2 = new Linear<double>("fc2", 2, 1);
            for (int i = 0; i < 6; i++) fc1.Weight.Value.Data[i] = 0.1 * (i + 1) - 0.25;
            fc1.Bias.Value.Data[1] = -0.5;
            fc2.Weight.Value.Data[0] = 2.0;
            var manual = new Sequential<double>(fc1, new ReLU<double>("relu1"), fc2);
            string ours = Path.Combine(directory, "manual.safetensors"), theirs = Path.Combine(directory, "pytorch.safetensors");
            string spec = Path.Combine(directory, "spec.json");
            File.WriteAllText(spec, JsonSerializer.Serialize(new
            {
                layers = new object[]
                {
                    new { name = "fc1", kind = "linear", in_features = 3, out_features = 2 },
                    new { name = "relu1", kind = "re_lu", in_features = 0, out_features = 0 },
                    new { name = "fc2", kind = "linear", in_features = 2, out_features = 1 },
                },
            }));
            StateDict.Save(manual, ours);

            python.RoundTripStateDict(ours, theirs, spec);
            using var module = new TorchSequentialModel(TorchSharp.torch.ScalarType.Float64).AddLinear("fc1", 3, 2).AddReLU("relu1").AddLinear("fc2", 2, 1);
            StateDict.Load(module, theirs);
            var copy = new Sequential<double>(new Linear<double>("fc1", 3, 2), new ReLU<double>("relu1"), new Linear<double>("fc2", 2, 1));
            StateDict.Load(copy, theirs);

            foreach (var (name, parameter) in module.named_parameters())
                Assert.That(parameter.data<double>().ToArray(), Is.EqualTo(manual.Parameters.Single(p => p.Name == name).Value.Data), name);
            Assert.That(copy.Parameters.Select(p => p.Value.Data), Is.EqualTo(manual.Parameters.Select(p => p.Value.Data)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
