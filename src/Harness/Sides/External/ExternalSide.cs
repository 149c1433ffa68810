using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Sides.External;

/// <summary>
/// A side that is a program, in any language: <c>--side NAME=COMMAND</c>. The harness writes one request per scenario
/// (<see cref="SideRequest"/>) into a fresh temporary folder, runs <c>COMMAND REQUEST1 RESPONSE1 [REQUEST2 RESPONSE2 ...]</c>
/// once (through <c>/bin/sh</c>, so COMMAND may hold arguments), and reads each response (<see cref="SideResponse"/>).
/// The program sees only copies in that folder, which is deleted afterwards: nothing it writes can touch a fixture.
/// Exit code 0 means every response was written; anything else, a timeout or a missing response fails the scenarios
/// with one line naming the side.
/// </summary>
public sealed class ExternalSide(string name, string command, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public string Name { get; } = name;
    public string Command { get; } = command;

    /// <summary>Parses <c>NAME=COMMAND</c>; a bad one is bad input, said in one line.</summary>
    public static ExternalSide Parse(string text, TimeSpan? timeout = null)
    {
        int equals = text.IndexOf('=');
        string name = equals < 0 ? "" : text[..equals].Trim();
        string command = equals < 0 ? "" : text[(equals + 1)..].Trim();
        if (name.Length == 0 || command.Length == 0)
            throw new BadInputException($"--side '{text}': give NAME=COMMAND, for example --side numpy=\"python3 my_side.py\".");
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new BadInputException($"--side '{text}': the name '{name}' may hold only lowercase letters, digits and '-'.");
        if (name is "torch" or "manual" or "fixture")
            throw new BadInputException($"--side '{text}': '{name}' is a built-in side's name; choose another.");
        return new ExternalSide(name, command, timeout ?? DefaultTimeout);
    }

    /// <summary>
    /// Runs the program once on every scenario: each scenario's response, or the one-line reason it has none. The
    /// steps to replay and their start parameters come from each scenario's reference recording.
    /// </summary>
    public IReadOnlyList<(SideResponse? Response, string? Problem)> Run(IReadOnlyList<(Scenario Scenario, Fixture Reference)> work)
    {
        string folder = Directory.CreateTempSubdirectory($"backprop-parity-{Name}-").FullName;
        try
        {
            var arguments = new List<string>();
            for (int i = 0; i < work.Count; i++)
            {
                string request = Path.Combine(folder, $"{i:D3}-{work[i].Scenario.Id}.request.safetensors");
                File.WriteAllBytes(request, SideRequest.Serialize(work[i].Scenario, work[i].Reference));
                arguments.AddRange([request, Path.Combine(folder, $"{i:D3}-{work[i].Scenario.Id}.response.safetensors")]);
            }
            var (exit, error) = Execute(arguments);
            var results = new List<(SideResponse?, string?)>();
            for (int i = 0; i < work.Count; i++)
            {
                var (scenario, reference) = work[i];
                if (exit != 0)
                {
                    results.Add((null, $"side {Name} failed (exit {exit}): {error}"));
                    continue;
                }
                string response = arguments[2 * i + 1];
                if (!File.Exists(response))
                {
                    results.Add((null, $"side {Name} exited 0 but wrote no response for {scenario.Id}"));
                    continue;
                }
                try
                {
                    var file = SafetensorsReader.Read(response);
                    results.Add((SideResponse.Parse(file, $"side {Name}, {scenario.Id}", scenario.Spec.Steps, reference.Recorded.Keys.ToList()), null));
                }
                catch (Exception exception) when (exception is InvalidDataException or SafetensorsFormatException or IOException)
                {
                    results.Add((null, exception is InvalidDataException ? exception.Message : $"side {Name}, {scenario.Id}: the response is not a readable safetensors file ({exception.Message})"));
                }
            }
            return results;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The command through /bin/sh: `sh -c 'COMMAND "$@"' NAME ARGS...` keeps each file name one argument whatever it holds.
    private (int Exit, string Error) Execute(IReadOnlyList<string> files)
    {
        var (exit, output, error) = ChildProcess.Run("/bin/sh", ["-c", $"{Command} \"$@\"", Name, .. files], timeout);
        return (exit, ChildProcess.LastLine(error) ?? ChildProcess.LastLine(output) ?? "no message");
    }
}
