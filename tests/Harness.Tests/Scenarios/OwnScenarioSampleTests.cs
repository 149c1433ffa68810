using BackpropParity.Harness.Tests.Python;
using BackpropParity.Cli;
using BackpropParity.Harness.Tests.Cli;
using BackpropParity.Harness.Scenarios.Files;
using BackpropParity.Harness.Sides.External;

namespace BackpropParity.Harness.Tests.Scenarios;

/// <summary>
/// samples/own-scenario: a user's scenario with NumPy data and a torch.save state dict made here by real PyTorch
/// (/usr/bin/python3; CI installs it, elsewhere skipped unless BACKPROP_PARITY_REQUIRE_PYTHON=1), listed, regenerated,
/// run and checked through the program, with no rebuild.
/// </summary>
[NonParallelizable]
public sealed class OwnScenarioSampleTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void MakeTheInputsWithPyTorch()
    {
        _folder = Directory.CreateTempSubdirectory("own-scenario").FullName;
        string sample = Path.Combine(ProjectFolder.Find(Path.Combine("samples", "own-scenario"))!, "samples", "own-scenario");
        File.Copy(Path.Combine(sample, "my-network.json"), Path.Combine(_folder, "my-network.json"));
        var (exit, _, error) = ChildProcess.Run("/usr/bin/python3", [Path.Combine(sample, "make_inputs.py"), _folder], TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            throw PythonRequirement.Missing($"own-scenario sample skipped: make_inputs.py needs PyTorch and NumPy in /usr/bin/python3 ({ChildProcess.LastLine(error)})");
        }
    }

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string File_ => Path.Combine(_folder, "my-network.json");

    [Test, Order(1)]
    public void TheStateDict_IsReadBitForBit_AsPyTorchSavedIt()
    {
        var scenario = ScenarioFile.Load(File_)[0];
        var reference = NpyFile.ReadArchive(Path.Combine(_folder, "init-reference.npz"));

        Assert.That(scenario.InitialParameters.Select(p => p.Name), Is.EquivalentTo(reference.Keys));
        foreach (var parameter in scenario.InitialParameters)
        {
            Assert.That(parameter.Shape, Is.EqualTo(reference[parameter.Name].Shape), parameter.Name);
            Assert.That(parameter.Values, Is.EqualTo(reference[parameter.Name].Values), parameter.Name);
        }
        Assert.That(scenario.Inputs.Shape, Is.EqualTo(new[] { 64, 5 }));
        Assert.That(scenario.Targets.Values.Distinct().Order(), Is.EqualTo(new double[] { 0, 1 }));
    }

    [Test, Order(2)]
    public void TheScenario_RegeneratesRunsAndChecks_WithoutARebuild()
    {
        Assert.That(ProgramTests.RunCaptured("list", File_).ExitCode, Is.EqualTo(Program.Agree));
        Assert.That(ProgramTests.RunCaptured("regen", File_).ExitCode, Is.EqualTo(Program.Agree));
        var (exitCode, output, _) = ProgramTests.RunCaptured("run", File_);
        Assert.That(exitCode, Is.EqualTo(Program.Agree), output);
        Assert.That(output.Split('\n').Count(line => line.Contains("agrees at every step")), Is.EqualTo(6), "manual, torch and fixture, pairwise, in two dtypes");
        Assert.That(ProgramTests.RunCaptured("check-fixtures", File_).ExitCode, Is.EqualTo(Program.Agree));
    }

    [Test]
    public void ACheckpointWhoseNamesAreNotTheLayers_SaysWhichNames()
    {
        string other = Path.Combine(_folder, "unnamed.json");
        File.WriteAllText(other, File.ReadAllText(File_).Replace("\"id\": \"my-network\"", "\"id\": \"unnamed\"").Replace("init.pt", "init-unnamed.pt"));

        var (exitCode, _, error) = ProgramTests.RunCaptured("run", other);

        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error.Trim(), Is.EqualTo($"error: {other}: parameters has '0.bias', which belongs to no layer; the layers need fc1.weight [12, 5], fc1.bias [12], fc2.weight [1, 12], fc2.bias [1]"));
    }

    [Test]
    public void AFileThatIsNotAStateDict_IsOneLine()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.pt"), "not a zip");
        string other = Path.Combine(_folder, "broken.json");
        File.WriteAllText(other, File.ReadAllText(File_).Replace("\"id\": \"my-network\"", "\"id\": \"broken\"").Replace("init.pt", "broken.pt"));

        var (exitCode, _, error) = ProgramTests.RunCaptured("list", other);

        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error.Trim(), Does.StartWith($"error: {other}: parameters.file 'broken.pt' cannot be read: "));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
    }
}
