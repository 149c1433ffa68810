using BackpropParity.Cli;

namespace BackpropParity.Harness.Tests.Cli;

/// <summary>The command line's contract is its exit code: 0 agree, 1 disagree, 2 bad input.</summary>
[NonParallelizable]
public sealed class ProgramTests
{
    private static (int ExitCode, string Error) Run(params string[] args)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (Program.Main(args), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Test]
    public void Run_AScenarioThatAgrees_ExitsZero() =>
        Assert.That(Run("run", "three-input-neuron").ExitCode, Is.EqualTo(Program.Agree));

    [Test]
    public void Run_AnUnknownScenario_ExitsWithBadInput_AndOneLineNamingIt()
    {
        var (exitCode, error) = Run("run", "no-such-scenario");

        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: Unknown scenario 'no-such-scenario'"));
    }

    [Test]
    public void Run_WithTwoThreads_Agrees_AndABadThreadCountIsBadInput()
    {
        try
        {
            Assert.That(Run("run", "mnist-shaped-mlp-float32", "--threads", "2").ExitCode, Is.EqualTo(Program.Agree));
            Assert.That(BackpropParity.Manual.Tensors.Kernels.KernelThreads.Count, Is.EqualTo(2));

            var (exitCode, error) = Run("run", "three-input-neuron", "--threads", "0");
            Assert.That(exitCode, Is.EqualTo(Program.BadInput));
            Assert.That(error, Does.StartWith("error: --threads 0: give a count from 1 to 256."));
        }
        finally
        {
            BackpropParity.Manual.Tensors.Kernels.KernelThreads.Count = 1;
            BackpropParity.TorchRef.TorchRuntime.Threads = 1;
        }
    }

    [TestCase(new[] { "rnu" }, "error: Unrecognized command or argument 'rnu'.")]
    [TestCase(new[] { "run", "--threads", "abc" }, "error: Cannot parse argument 'abc' for option '--threads'")]
    [TestCase(new[] { "regen", "--forse" }, "error: Unknown scenario '--forse'.")]
    public void AUsageError_ExitsTwo_WithOneLine(string[] args, string start)
    {
        var (exitCode, error) = Run(args);

        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith(start));
    }

    [Test]
    public void CheckFixtures_OnTheCommittedFixtures_ExitsZero() =>
        Assert.That(Run("check-fixtures").ExitCode, Is.EqualTo(Program.Agree));

    [Test]
    public void Run_WithACorruptFixture_Fails()
    {
        string directory = Directory.CreateTempSubdirectory("fixtures").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "three-input-neuron-float64.safetensors"), [1, 2, 3]);

            Assert.That(Run("run", "three-input-neuron-float64", "--fixtures", directory).ExitCode, Is.EqualTo(Program.Disagree));
            Assert.That(Run("check-fixtures", "--fixtures", directory).ExitCode, Is.EqualTo(Program.Disagree));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Regen_OfTheCommittedFixtures_OnAnyMachine_ChangesNoFile_AndDryRunWritesNothingNew()
    {
        string directory = Directory.CreateTempSubdirectory("fixtures").FullName;
        try
        {
            string[] ids = ["three-input-neuron-float32", "xor-tanh-2-3-1-float64"];
            foreach (string id in ids)
                File.Copy(Path.Combine(BackpropParity.Harness.Fixtures.FixtureStore.Locate().Directory, id + ".safetensors"), Path.Combine(directory, id + ".safetensors"));
            var before = ids.ToDictionary(id => id, id => File.ReadAllBytes(Path.Combine(directory, id + ".safetensors")));

            Assert.That(Run(["regen", .. ids, "--fixtures", directory]).ExitCode, Is.EqualTo(Program.Agree));
            foreach (string id in ids)
                Assert.That(File.ReadAllBytes(Path.Combine(directory, id + ".safetensors")), Is.EqualTo(before[id]), $"{id}: unchanged or same within rounding");

            Assert.That(Run("regen", "graph-abcd", "--dry-run", "--fixtures", directory).ExitCode, Is.EqualTo(Program.Agree));
            Assert.That(File.Exists(Path.Combine(directory, "graph-abcd.safetensors")), Is.False, "a dry run writes no new fixture");
            Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(ids.Length));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs the program with its console captured, unwrapped.</summary>
    internal static (int ExitCode, string Output, string Error) RunCaptured(params string[] args)
    {
        var output = new StringWriter();
        var console = Terminal.Console;
        Terminal.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        Terminal.Console.Profile.Width = 1000;
        try
        {
            var (exitCode, error) = Run(args);
            return (exitCode, output.ToString(), error);
        }
        finally
        {
            Terminal.Console = console;
        }
    }

    [Test]
    public void Run_WithAReportPathThatIsAFile_OrCannotBeCreated_ExitsTwo_BeforeRunning()
    {
        string file = Path.GetTempFileName();
        try
        {
            var (exitCode, output, error) = RunCaptured("run", "graph-abcd", "--report", file);
            Assert.That(exitCode, Is.EqualTo(Program.BadInput));
            Assert.That(error.TrimEnd(), Is.EqualTo($"error: --report {file}: is a file; give a folder for report.md, report.json and the plots."));
            Assert.That(output, Is.Empty, "nothing ran");

            (exitCode, _, error) = RunCaptured("run", "graph-abcd", "--report", Path.Combine(file, "reports"));
            Assert.That(exitCode, Is.EqualTo(Program.BadInput));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.StartWith($"error: --report {Path.Combine(file, "reports")}: cannot write there ("));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void CheckFixtures_ReportsATemporaryFileLeftByAKilledRegen()
    {
        string directory = Directory.CreateTempSubdirectory("fixtures").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(BackpropParity.Harness.Fixtures.FixtureStore.Locate().Directory, "*.safetensors"))
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            string stray = Path.Combine(directory, ".graph-abcd.safetensors.4242.tmp");
            File.WriteAllBytes(stray, [1, 2, 3]);

            var (exitCode, output, _) = RunCaptured("check-fixtures", "--fixtures", directory);

            Assert.That(exitCode, Is.EqualTo(Program.Disagree));
            Assert.That(output, Does.Contain($"{stray}: a temporary file left by an interrupted regen; the fixture beside it is whole (old or new); delete this file"));
            Assert.That(output, Does.Contain("1 fixture problems."));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Run_WithAPythonThatCrashesDuringTheReplay_StillReportsEveryScenario_AndFailsThem()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the stand-in Python is a shell script");
            return;
        }
        string directory = Directory.CreateTempSubdirectory("python").FullName;
        string python = Path.Combine(directory, "python3");
        // Answers the harness's "can you import torch?" and crashes on the replay itself.
        File.WriteAllText(python, "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then echo 1.13.1; exit 0; fi\necho 'Segmentation fault in the replay' >&2\nexit 139\n");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string? original = Environment.GetEnvironmentVariable(BackpropParity.Harness.Python.PythonReplay.PythonVariable);
        var output = new StringWriter();
        var console = Terminal.Console;
        Terminal.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        Terminal.Console.Profile.Width = 1000;
        try
        {
            Environment.SetEnvironmentVariable(BackpropParity.Harness.Python.PythonReplay.PythonVariable, python);

            var (exitCode, error) = Run("run", "three-input-neuron", "--with-python");

            Assert.That(exitCode, Is.EqualTo(Program.Disagree), error);
            Assert.That(output.ToString(), Does.Contain("three-input-neuron-float64  error: side pytorch failed (exit 139): Segmentation fault in the replay"));
            Assert.That(output.ToString(), Does.Contain("three-input-neuron-float32  error: side pytorch failed (exit 139)"));
            Assert.That(output.ToString(), Does.Contain("manual vs torch"), "the comparisons made before the replay are kept");
        }
        finally
        {
            Environment.SetEnvironmentVariable(BackpropParity.Harness.Python.PythonReplay.PythonVariable, original);
            Terminal.Console = console;
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void GradCheck_OnAgreeingScenarios_ExitsZero_AndRejectsAnUnknownMode()
    {
        Assert.That(Run("gradcheck", "graph-abcd", "xor-2-2-1").ExitCode, Is.EqualTo(Program.Agree));
        var (exitCode, error) = Run("gradcheck", "graph-abcd", "--mode", "slow");
        Assert.That(exitCode, Is.EqualTo(Program.BadInput));
        Assert.That(error, Does.Contain("--mode must be auto, full or fast"));
    }

    [Test]
    public void Zoo_WithEveryMutantCaught_ExitsZero() =>
        Assert.That(Run("zoo").ExitCode, Is.EqualTo(Program.Agree));

    [Test]
    public void List_ExitsZero() =>
        Assert.That(Run("list").ExitCode, Is.EqualTo(Program.Agree));
}
