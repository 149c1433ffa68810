using BackpropParity.Cli;
using BackpropParity.Harness.Scenarios.Files;

namespace BackpropParity.Harness.Tests.Cli;

[NonParallelizable]
public sealed class NewCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("new-scenario").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("spiral")]
    [TestCase("xor")]
    [TestCase("mnist-shaped")]
    public void EveryGeneratorTemplate_WritesAFileThatLoads_WithTheChoicesApplied(string template)
    {
        string path = Path.Combine(_folder, "my-" + template + ".json");

        Assert.That(ProgramTests.RunCaptured("new", template, "-o", path, "--hidden", "7", "--lr", "0.03", "--steps", "9").ExitCode, Is.EqualTo(Program.Agree));

        var scenarios = ScenarioFile.Load(path);
        Assert.That(scenarios.Select(s => s.Id), Is.EqualTo(new[] { $"my-{template}-float64", $"my-{template}-float32" }));
        Assert.That(scenarios[0].Spec.Layers[0].OutFeatures, Is.EqualTo(7));
        Assert.That(scenarios[0].Spec.Optimizer.LearningRate, Is.EqualTo(0.03));
        Assert.That(scenarios[0].Spec.Steps, Is.EqualTo(9));
        Assert.That(File.ReadAllText(path), Does.Contain("// "), "commented");
    }

    [Test]
    public void TheFilesTemplate_NamesTheFilesItNeeds()
    {
        string path = Path.Combine(_folder, "mine.json");
        Assert.That(ProgramTests.RunCaptured("new", "files", "-o", path).ExitCode, Is.EqualTo(Program.Agree));

        var error = Assert.Throws<ScenarioFileException>(() => ScenarioFile.Load(path))!;
        Assert.That(error.Message, Does.Contain("inputs.file 'inputs.npy' does not exist"));
    }

    [Test]
    public void New_NeverOverwrites_AndRefusesUnknownTemplatesAndOptimizers()
    {
        string path = Path.Combine(_folder, "mine.json");
        File.WriteAllText(path, "mine");

        Assert.That(ProgramTests.RunCaptured("new", "spiral", "-o", path).Error, Does.Contain("already exists"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("mine"));
        var (exitCode, _, error) = ProgramTests.RunCaptured("new", "resnet", "-o", Path.Combine(_folder, "r.json"));
        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error.Trim(), Is.EqualTo("error: new resnet: no such template; known: spiral, xor, mnist-shaped, files"));
        Assert.That(ProgramTests.RunCaptured("new", "spiral", "--optimizer", "adam", "-o", Path.Combine(_folder, "a.json")).Error.Trim(),
            Is.EqualTo("error: --optimizer adam: not an optimizer this runs; known: sgd"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }
}
