using BackpropParity.Harness.Tests.Python;
using BackpropParity.Cli;
using BackpropParity.Harness.Sides.External;

namespace BackpropParity.Harness.Tests.Sides;

/// <summary>
/// samples/numpy-spiral: the lesson's NumPy network as an external side, on both spiral scenarios in both dtypes, and its
/// relu-slope variant located. Needs NumPy in /usr/bin/python3 (CI installs it; elsewhere skipped unless
/// BACKPROP_PARITY_REQUIRE_PYTHON=1).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class NumPySampleTests
{
    private static string Command(string? bug = null)
    {
        var (exit, _, error) = ChildProcess.Run("/usr/bin/python3", ["-c", "import numpy"], TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw PythonRequirement.Missing($"NumPy sample skipped: /usr/bin/python3 cannot import numpy ({ChildProcess.LastLine(error)})");
        }
        string root = ProjectFolder.Find(Path.Combine("samples", "numpy-spiral", "spiral_side.py"))!;
        return $"numpy={(bug is null ? "" : $"BUG={bug} ")}/usr/bin/python3 '{Path.Combine(root, "samples", "numpy-spiral", "spiral_side.py")}'";
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var (exitCode, output, _) = BackpropParity.Harness.Tests.Cli.ProgramTests.RunCaptured(args);
        return (exitCode, output);
    }

    [Test]
    public void TheLessonsNumPyNetwork_AgreesWithLibtorch_OnBothSpirals_InBothDtypes()
    {
        var (exitCode, output) = Run("run", "spiral-lesson", "spiral-relu-bce", "--no-fixtures", "--side", Command());

        Assert.That(exitCode, Is.EqualTo(Program.Agree), output);
        Assert.That(output.Split('\n').Count(line => line.Contains("numpy vs torch") && line.Contains("PASS")), Is.EqualTo(4), output);
    }

    [Test]
    public void TheLessonsNumPyNetwork_WithoutReLUsSlope_IsCaughtAtStepZero_AsReluBackward()
    {
        var (exitCode, output) = Run("run", "spiral-lesson-float64", "--no-fixtures", "--side", Command(bug: "relu-slope"));

        Assert.That(exitCode, Is.EqualTo(Program.Disagree), output);
        Assert.That(output, Does.Contain("spiral-lesson-float64  numpy (re-synced each step) vs torch  20 steps  FAIL"));
        Assert.That(output, Does.Contain("not captured by numpy, so not compared: dact/sigmoid2"));
        Assert.That(output, Does.Contain("first mismatch: step 0, backward, dact/fc1  -> suspect: backward of relu relu1 (layer 2)"));
    }

    [Test]
    public void ASideOnAScenarioItDoesNotSupport_IsSkipped_AndTheRunStillAgrees()
    {
        var (exitCode, output) = Run("run", "xor-2-2-1-float64", "--no-fixtures", "--side", Command());

        Assert.That(exitCode, Is.EqualTo(Program.Agree), output);
        Assert.That(output, Does.Contain("skipped: only the lesson's network: linear, relu, linear, sigmoid"));
    }
}
