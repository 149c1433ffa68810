using System.Text.Json;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Zoo;
using Snapshooter.NUnit;

namespace BackpropParity.Harness.Tests.Reports;

/// <summary>
/// The report files for a known failure (the sigmoid's slope dropped) and a known pass, pinned as snapshots
/// (__snapshots__/). Set SNAPSHOOTER_STRICT_MODE=true (CI does) and a missing snapshot fails instead of being written.
/// </summary>
public sealed class ReportTests
{
    private static IReadOnlyList<ScenarioResult> Failing() =>
        [ParityCheck.Run(ScenarioCatalog.Get("three-input-neuron-float64"),
            manualLayers: MutantCatalog.All.Single(m => m.Id == "sigmoid-slope-missing").For(ScenarioCatalog.Get("three-input-neuron-float64").Spec))];

    private static IReadOnlyList<ScenarioResult> Passing() =>
        [ParityCheck.Run(ScenarioCatalog.Scenarios.Where(s => s.Spec.IsExpression).Single(s => s.Id == "chain-no-activation"))];

    [Test]
    public void MarkdownReport_OfAFailure_IsPinned() => Snapshot.Match(MarkdownReport.Render(Failing()).Split('\n'));

    [Test]
    public void MarkdownReport_OfAPass_IsPinned() => Snapshot.Match(MarkdownReport.Render(Passing()).Split('\n'));

    [Test]
    public void JsonReport_OfAFailure_FollowsSchemaVersion1()
    {
        using var document = JsonDocument.Parse(JsonReport.Render(Failing()));
        var root = document.RootElement;
        var pair = root.GetProperty("scenarios")[0].GetProperty("pairs")[0];
        var first = pair.GetProperty("stepwise").GetProperty("first_mismatch");

        Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("backprop-parity-report"));
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(pair.GetProperty("name").GetString(), Is.EqualTo("manual vs torch"));
        Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("dact/fc1"));
        Assert.That(first.GetProperty("phase").GetString(), Is.EqualTo("backward"));
        Assert.That(first.GetProperty("max_abs_index").GetString(), Is.EqualTo("[0, 0]"));
        Assert.That(pair.GetProperty("stepwise").GetProperty("suspect").GetString(), Is.EqualTo("backward of sigmoid sigmoid1 (layer 2)"));
        Assert.That(pair.GetProperty("audit").EnumerateArray().Count(o => !o.GetProperty("passed").GetBoolean()), Is.EqualTo(1));
    }

    [Test]
    public void ReportFiles_OfTwoRunsOnOneMachine_AreByteIdentical()
    {
        // The float64 MNIST-shaped step is the one whose libtorch bits moved between runs before MKL's code path was
        // pinned; the float32 spiral parts late, so its report carries plots too.
        Scenario[] scenarios =
        [
            ScenarioCatalog.Get("mnist-shaped-mlp-float64"),
            ScenarioCatalog.Get("spiral-lesson-float32") with { Spec = ScenarioCatalog.Get("spiral-lesson-float32").Spec with { Steps = 2000 } },
        ];
        string[] directories = [Directory.CreateTempSubdirectory("reportA").FullName, Directory.CreateTempSubdirectory("reportB").FullName];
        try
        {
            foreach (string directory in directories)
                ReportFiles.Write(directory, ScenarioSuite.Run(scenarios, i => ParityCheck.Run(scenarios[i]), parallelism: 2));

            string[] files = [.. Directory.GetFiles(directories[0]).Select(Path.GetFileName).Order()!];
            Assert.That(files, Has.Some.EndsWith(".png"), "a drift was plotted");
            Assert.That(Directory.GetFiles(directories[1]).Select(Path.GetFileName).Order(), Is.EqualTo(files));
            foreach (string file in files)
                Assert.That(File.ReadAllBytes(Path.Combine(directories[1], file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(directories[0], file))), file);
        }
        finally
        {
            foreach (string directory in directories) Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ReportFiles_WriteMarkdownJsonAndPlotsOfTheFailure()
    {
        string directory = Directory.CreateTempSubdirectory("report").FullName;
        try
        {
            var written = ReportFiles.Write(directory, Failing());

            Assert.That(written.Select(Path.GetFileName), Is.SupersetOf(new[]
            {
                "report.md", "report.json",
                "three-input-neuron-float64.manual-vs-torch.loss.png",
                "three-input-neuron-float64.manual-vs-torch.error.png",
                "three-input-neuron-float64.manual-vs-torch.heatmap.png",
            }));
            var png = File.ReadAllBytes(Path.Combine(directory, "three-input-neuron-float64.manual-vs-torch.error.png"));
            Assert.That(png[1..4], Is.EqualTo("PNG"u8.ToArray()), "a real PNG file");
            Assert.That(Directory.GetFiles(directory, "*.tmp"), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
