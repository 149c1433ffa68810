using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides.External;

namespace BackpropParity.Harness.Python;

/// <summary>
/// Real PyTorch, in Python, as an external side (tools/pytorch_replay.py speaks the side protocol, docs/side-protocol.md).
/// <c>run --with-python</c> has it replay every stored fixture: each request is made from the fixture's own recorded
/// steps and start parameters, and PyTorch's answer is compared with the stored one, step by step (every recorded step,
/// replayed from the fixture's start parameters) and free-running (the loss at every step); PyTorch's optimizer
/// settings are compared with TorchSharp's. Through <c>--side pytorch="python3 tools/pytorch_replay.py"</c> it is
/// compared with TorchSharp live instead, as any external side is.
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

    /// <summary>The script as an external side.</summary>
    public ExternalSide AsSide(TimeSpan? timeout = null) => new(Side, $"'{Python}' '{Script}'", timeout ?? ExternalSide.DefaultTimeout);

    /// <summary>The replay, or why it cannot run here (no Python, no torch in it, no script).</summary>
    public static (PythonReplay? Replay, string? Unavailable) Locate()
    {
        string python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        string? script = FindScript();
        if (script is null) return (null, $"tools/{ScriptName} not found above {Directory.GetCurrentDirectory()}");
        var (exit, output, error) = ChildProcess.Run(python, ["-c", "import numpy, torch; print(torch.__version__)"], TimeSpan.FromSeconds(60));
        if (exit != 0)
            return (null, $"{python} cannot import torch and numpy ({ChildProcess.LastLine(error) ?? "no message"}); install them with `apt-get install python3-torch python3-numpy` " +
                          $"or point {PythonVariable} at a Python that has them");
        return (new PythonReplay(python, script, output.Trim()), null);
    }

    /// <summary>
    /// Replays stored fixtures in one Python process (importing torch takes longer than replaying most fixtures): PyTorch's
    /// response for each, in order. A replay that fails throws, naming the side and the reason.
    /// </summary>
    public IReadOnlyList<SideResponse> ReplayAll(IReadOnlyList<(Scenario Scenario, Fixture Fixture)> fixtures) =>
        AsSide().Run(fixtures).Select(r => r.Response ?? throw new BadInputException($"PyTorch could not replay the fixtures: {r.Problem}")).ToList();

    /// <summary>
    /// Loads a safetensors state dict into a PyTorch model built from <paramref name="specPath"/> (a spec's JSON) and
    /// saves PyTorch's state dict to <paramref name="outputPath"/>: the bridge for state dicts both ways.
    /// </summary>
    public void RoundTripStateDict(string inputPath, string outputPath, string specPath)
    {
        var (exit, _, error) = ChildProcess.Run(Python, [Script, "--state-dict", inputPath, outputPath, specPath], TimeSpan.FromMinutes(2));
        if (exit != 0) throw new BadInputException($"PyTorch could not load the state dict {inputPath}: {ChildProcess.LastLine(error) ?? "no message"}");
    }

    /// <summary>PyTorch's replay against the stored fixture, with PyTorch's settings against TorchSharp's.</summary>
    public static PairResult Compare(Scenario scenario, Fixture stored, SideResponse pytorch, IReadOnlyDictionary<string, string>? torchSharpSettings) =>
        ExternalComparison.Compare(scenario, stored, Fixture.Side, pytorch, Side, torchSharpSettings);

    private static string? FindScript() =>
        ProjectFolder.Find(Path.Combine("tools", ScriptName)) is string root ? Path.Combine(root, "tools", ScriptName) : null;
}
