using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Sides;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Zoo;
using BackpropParity.Manual.Tensors.Kernels;

namespace BackpropParity.Harness.Tests;

/// <summary>
/// A hand-written backprop with one classic mistake (a mutant of the bug zoo) must fail the parity check, and the
/// report's first lines must name the step, the phase, the tensor and the operation; the audit (each operation on
/// the reference's inputs) must blame that operation alone.
/// </summary>
public sealed class BrokenManualTests
{
    private static Mutant Mutant(string id) => MutantCatalog.All.Single(m => m.Id == id);

    private static Scenario Short(Scenario scenario) => scenario with { Spec = scenario.Spec with { Steps = 3 } };

    private static IEnumerable<TestCaseData> Mutants()
    {
        yield return new TestCaseData(Short(ScenarioCatalog.Get("three-input-neuron-float64")), "sigmoid-slope-missing",
            "backward", "dact/fc1", "backward of sigmoid sigmoid1 (layer 2)").SetName("Backward_SigmoidSlopeMissing_IsLocalizedToTheSigmoid");
        yield return new TestCaseData(Short(ScenarioCatalog.Get("xor-tanh-2-3-1-float64")), "tanh-slope-not-squared",
            "backward", "dact/fc1", "backward of tanh tanh1 (layer 2)").SetName("Backward_TanhSlopeOneMinusYNotSquared_IsLocalizedToTheTanh");
        yield return new TestCaseData(Short(ScenarioCatalog.Get("spiral-lesson-float64")), "relu-slope-inverted",
            "backward", "dact/fc1", "backward of relu relu1 (layer 2)").SetName("Backward_ReLUSlopeInverted_IsLocalizedToTheReLU");
        yield return new TestCaseData(Short(ScenarioCatalog.Get("xor-2-2-1-float64")), "weight-gradient-not-transposed",
            "gradient", "grad/fc1.weight", "weight gradient in the backward of linear fc1 (layer 1)").SetName("Backward_WeightGradientNotTransposed_IsLocalizedToTheWeightGradient");
        yield return new TestCaseData(Short(ScenarioCatalog.Get("xor-one-neuron-float64")), "bias-gradient-not-summed",
            "gradient", "grad/fc1.bias", "bias gradient in the backward of linear fc1 (layer 1)").SetName("Backward_BiasGradientNotSummedOverTheBatch_IsLocalizedToTheBiasGradient");
        yield return new TestCaseData(Short(ScenarioCatalog.Get("xor-one-neuron-float64")), "mean-missing",
            "backward", "dact/sigmoid1", "loss backward (half squared error): dL/dŷ").SetName("Backward_LossMissingItsOneOverN_IsLocalizedToTheLossBackward");
    }

    [TestCaseSource(nameof(Mutants))]
    public void BrokenManual_FailsAndTheReportsFirstLinesNameThePlace(Scenario scenario, string mutant, string phase, string tensor, string operation)
    {
        var result = ParityCheck.Run(scenario, manualLayers: Mutant(mutant).For(scenario.Spec));
        var pair = result.Pair(ParityCheck.ManualVersusTorch);
        string[] lines = [.. ComparisonText.Lines(result)];

        Assert.That(result.Passed, Is.False);
        Assert.That(pair.Stepwise.FirstMismatch!.Step, Is.Zero);
        Assert.That(lines[1], Is.EqualTo($"  first mismatch: step 0, {phase}, {tensor}  -> suspect: {operation}"));
        Assert.That(lines[2], Does.StartWith($"  each operation alone, on the reference's inputs: 1 of ").And.Contain($"disagree: {operation} ("));
        Assert.That(pair.Audit!.Where(c => !c.Passed).Select(c => SuspectText.Describe(c.Operation, scenario.Spec)), Is.EqualTo(new[] { operation }));
    }

    [Test]
    public void CorrectManual_HasNoFailingOperationAndNoSettingsDifference()
    {
        var result = ParityCheck.Run(Short(ScenarioCatalog.Get("spiral-lesson-float32")));
        var pair = result.Pair(ParityCheck.ManualVersusTorch);

        Assert.That(result.Passed, Is.True);
        Assert.That(pair.Audit, Is.Null, "the audit runs only when a step fails");
        Assert.That(pair.SettingsDifferences, Is.Empty);
    }

    private const string FullSizeFile = "bench/scenarios/mnist-shaped-mlp-256.json";

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void TheFullSizeMnistShapedNetwork_AgreesWithTorch_AtEveryStep(DType dtype)
    {
        // 784-256-256-10, batch 128: the benchmark's network, so the blocked kernels at full size (every depth, row and
        // column block, one and two threads) are proven against libtorch, not only timed.
        var scenario = Harness.Scenarios.Files.ScenarioFile.Load(Path.Combine(ProjectFolder.Find(FullSizeFile)!, FullSizeFile)).Single(s => s.Spec.DType == dtype);
        foreach (int threads in new[] { 1, 2 })
        {
            KernelThreads.Count = threads;
            try
            {
                var pair = ParityCheck.Run(scenario).Pair(ParityCheck.ManualVersusTorch);
                Assert.That(pair.Passed, Is.True, $"{threads} kernel threads:\n{string.Join("\n", ComparisonText.Lines(pair))}");
                Assert.That(pair.Stepwise.StepsCompared, Is.EqualTo(5));
            }
            finally
            {
                KernelThreads.Count = 1;
            }
        }
    }

    [Test]
    public void SettingsThatDiffer_AreSaidBeforeAnyNumber()
    {
        var differences = SettingsCheck.Differences("torch", new Dictionary<string, string> { ["momentum"] = "0.9", ["learning rate"] = "0.5" },
            "manual", new Dictionary<string, string> { ["momentum"] = "0", ["learning rate"] = "0.5" });
        var stepwise = ParityCheck.Run(Short(ScenarioCatalog.Get("three-input-neuron-float64"))).Pair(ParityCheck.ManualVersusTorch);

        var lines = ComparisonText.Lines(stepwise with { SettingsDifferences = differences });

        Assert.That(differences, Is.EqualTo(new[] { new SettingDifference("momentum", "torch", "0.9", "manual", "0") }));
        Assert.That(lines[0], Does.Contain("not set up alike"));
        Assert.That(lines[1], Is.EqualTo("  setting momentum: torch 0.9, manual 0"));
        Assert.That((stepwise with { SettingsDifferences = differences }).Passed, Is.False);
    }

    [Test]
    public void TorchSettings_AreReadFromTheOptimizerTorchSharpBuilt()
    {
        using var session = new TorchRunner().StartSession(ScenarioCatalog.Get("three-input-neuron-float32"));

        var settings = session.Settings!;
        Assert.That(settings["learning rate"], Is.EqualTo("0.5"));
        Assert.That(settings["momentum"], Is.EqualTo("0"));
        Assert.That(settings["weight decay"], Is.EqualTo("0"));
        Assert.That(settings["loss"], Is.EqualTo("half_squared_error"));
    }
}
