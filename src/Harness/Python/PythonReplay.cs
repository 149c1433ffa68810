using System.Diagnostics;
using System.Text.Json;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Python;

/// <summary>
/// The fourth side: real PyTorch, in Python, replaying a stored fixture with tools/pytorch_replay.py. The script
/// writes what PyTorch computes as a fixture of its own; this compares it with the stored one, step by step
/// (every recorded step, replayed from the fixture's start parameters) and free-running (the loss at every step),
/// and compares PyTorch's optimizer settings with TorchSharp's.
/// </summary>
public sealed class PythonReplay
{
    public const string Side = "pytorch";
    public const string PairName = "pytorch vs fixture";
    public const string PythonVariable = "BACKPROP_PARITY_PYTHON";
    private const string ScriptName = "pytorch_replay.py";

    private PythonReplay(string python, string script, string torchVersion) => (Python, Script, TorchVersion) = (python, script, torchVersion);

    public string Python { get; }
    public string Script { get; }
    public string TorchVersion { get; }

    /// <summary>The replay, or why it cannot run here (no Python, no torch in it, no script).</summary>
    public static (PythonReplay? Replay, string? Unavailable) Locate()
    {
        string python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        string? script = FindScript();
        if (script is null) return (null, $"tools/{ScriptName} not found above {Directory.GetCurrentDirectory()}");
        var (exit, output, error) = RunProcess(python, ["-c", "import numpy, torch; print(torch.__version__)"], TimeSpan.FromSeconds(60));
        if (exit != 0)
            return (null, $"{python} cannot import torch and numpy ({FirstLine(error)}); install them with `apt-get install python3-torch python3-numpy` " +
                          $"or point {PythonVariable} at a Python that has them");
        return (new PythonReplay(python, script, output.Trim()), null);
    }

    /// <summary>
    /// Replays fixture files in one Python process (importing torch takes longer than replaying most fixtures): each
    /// result is PyTorch's run in the fixture's own format, in the order of <paramref name="fixturePaths"/>.
    /// </summary>
    public IReadOnlyList<Fixture> ReplayAll(IReadOnlyList<string> fixturePaths)
    {
        string[] outputs = fixturePaths.Select(_ => Path.Combine(Path.GetTempPath(), $"pytorch-replay-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors")).ToArray();
        try
        {
            var arguments = new List<string> { Script };
            for (int i = 0; i < fixturePaths.Count; i++) arguments.AddRange([fixturePaths[i], outputs[i]]);
            var (exit, _, error) = RunProcess(Python, arguments, TimeSpan.FromMinutes(10 + fixturePaths.Count));
            if (exit != 0) throw new BadInputException($"PyTorch could not replay the fixtures: {FirstLine(error)}");
            return outputs.Select(FixtureFile.Load).ToList();
        }
        finally
        {
            foreach (string output in outputs) File.Delete(output);
        }
    }

    /// <summary>
    /// Loads a safetensors state dict into a PyTorch model built from <paramref name="specPath"/> (a spec's JSON) and
    /// saves PyTorch's state dict to <paramref name="outputPath"/>: the bridge for state dicts both ways.
    /// </summary>
    public void RoundTripStateDict(string inputPath, string outputPath, string specPath)
    {
        var (exit, _, error) = RunProcess(Python, [Script, "--state-dict", inputPath, outputPath, specPath], TimeSpan.FromMinutes(2));
        if (exit != 0) throw new BadInputException($"PyTorch could not load the state dict {inputPath}: {FirstLine(error)}");
    }

    /// <summary>PyTorch's replay against the stored fixture, with PyTorch's settings against TorchSharp's.</summary>
    public static PairResult Compare(Scenario scenario, Fixture stored, Fixture pytorch, IReadOnlyDictionary<string, string>? torchSharpSettings)
    {
        var stepwise = new ComparisonBuilder(scenario.Spec, Fixture.Side, $"{Side} (re-synced each step)") { ExplainKinks = true };
        var trajectory = new ComparisonBuilder(scenario.Spec, Fixture.Side, Side);
        if (pytorch.Metadata.Steps != stored.Metadata.Steps || !pytorch.Recorded.Keys.SequenceEqual(stored.Recorded.Keys))
            stepwise.StructuralProblem = trajectory.StructuralProblem = "PyTorch's replay recorded other steps than the fixture";
        else
        {
            for (int step = 0; step < stored.Metadata.Steps; step++)
            {
                if (stored.Recorded.ContainsKey(step)) stepwise.Add(stored.StepAt(step), pytorch.StepAt(step));
                else trajectory.Add(stored.StepAt(step), pytorch.StepAt(step));
            }
        }
        IReadOnlyList<SettingDifference>? settings = null;
        if (torchSharpSettings is not null && pytorch.Metadata.Settings is { } json)
            settings = ParityCheck.SettingsDifferences("torch", torchSharpSettings, Side, JsonSerializer.Deserialize<Dictionary<string, string>>(json)!);
        return new PairResult(PairName, stepwise.Build(), trajectory.Build(), SettingsDifferences: settings);
    }

    private static string? FindScript() =>
        ProjectFolder.Find(Path.Combine("tools", ScriptName)) is string root ? Path.Combine(root, "tools", ScriptName) : null;

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";

    private static (int Exit, string Output, string Error) RunProcess(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", $"timed out after {timeout.TotalSeconds:0} s");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, "", $"{file}: {exception.Message}");
        }
    }
}
