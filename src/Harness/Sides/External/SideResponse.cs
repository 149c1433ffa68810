using System.Text.Json;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides.External;

/// <summary>
/// What an external side wrote for one scenario (docs/side-protocol.md): the loss of every free-running step from the
/// initial parameters, and for each step it was asked to replay, what that step computed from the given start.
/// <code>
/// metadata (optional): settings (a JSON object of strings), unsupported (why it does not run this scenario: then nothing else is read)
/// tensors:  loss [steps]; for each replayed step k: step/k/loss [], step/k/grad/&lt;param&gt;, step/k/param/&lt;param&gt;,
///           and if it can, step/k/act/&lt;layer&gt;, step/k/dact/&lt;layer&gt;; F32 or F64
/// </code>
/// Anything else under step/k/ is refused by name; data/, init/ and step/k/start/ tensors (a program may copy the request) are ignored.
/// </summary>
public sealed record SideResponse(double[] Losses, IReadOnlyDictionary<int, TraceStep> Replayed, IReadOnlyDictionary<string, string>? Settings,
    string? Unsupported)
{
    /// <summary>The response as a side run: its losses free-running, its replayed steps re-synchronised.</summary>
    public SideRun AsRun(string side) => new RecordedRun(side, Losses.Length,
        step => new TraceStep(step, [new TraceTensor(Phase.Loss, new NamedTensor(TraceTensor.LossName, [], [Losses[step]]))], IsComplete: false),
        starts: new Dictionary<int, IReadOnlyList<NamedTensor>>(), Replayed, Settings);

    /// <summary>Reads the response; <paramref name="file"/> names it in errors, which say what is wrong in one line.</summary>
    public static SideResponse Parse(SafetensorsFile file, string side, int steps, IReadOnlyCollection<int> replaySteps)
    {
        if (file.Metadata.TryGetValue("unsupported", out var reason))
            return new SideResponse([], new Dictionary<int, TraceStep>(), null, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim());
        IReadOnlyDictionary<string, string>? settings = null;
        if (file.Metadata.TryGetValue("settings", out var json))
        {
            try
            {
                settings = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{side}: metadata 'settings' is not a JSON object of strings ({exception.Message})");
            }
        }

        var loss = file.Find("loss") ?? throw new InvalidDataException($"{side}: no tensor 'loss' (the loss of every free-running step, shape [{steps}])");
        if (loss.Shape.Length != 1 || loss.Shape[0] != steps)
            throw new InvalidDataException($"{side}: 'loss' has shape [{string.Join(", ", loss.Shape)}], the scenario has {steps} steps: [{steps}]");
        double[] losses = Values(loss, side);

        var tensors = new Dictionary<int, List<TraceTensor>>();
        foreach (var tensor in file.Tensors.Where(t => t.Name.StartsWith("step/", StringComparison.Ordinal)))
        {
            string[] parts = tensor.Name.Split('/', 3);
            if (parts.Length < 3 || !int.TryParse(parts[1], out int step) || !replaySteps.Contains(step))
                throw new InvalidDataException($"{side}: tensor '{tensor.Name}' is not of a step it was asked to replay ({string.Join(", ", replaySteps)})");
            string name = parts[2];
            if (name.StartsWith("start/", StringComparison.Ordinal)) continue;
            var phase = PhaseOf(name) ?? throw new InvalidDataException(
                $"{side}: tensor '{tensor.Name}' is of no known kind (step/k/ holds loss, act/, dact/, grad/, param/, nudge/)");
            if (!tensors.TryGetValue(step, out var list)) tensors[step] = list = [];
            list.Add(new TraceTensor(phase, new NamedTensor(name, tensor.Shape.Select(s => (int)s).ToArray(), Values(tensor, side))));
        }
        var replayed = tensors.ToDictionary(s => s.Key, s => new TraceStep(s.Key, s.Value.OrderBy(t => t.Phase).ToList()));
        return new SideResponse(losses, replayed, settings, null);
    }

    private static Phase? PhaseOf(string name) => name == TraceTensor.LossName ? Phase.Loss : name.Split('/')[0] switch
    {
        "act" => Phase.Forward,
        "dact" => Phase.Backward,
        "grad" or "nudge" => Phase.Gradient,
        "param" => Phase.Update,
        _ => null,
    };

    private static double[] Values(SafetensorsTensor tensor, string side) => tensor.DType is SafetensorsDType.F32 or SafetensorsDType.F64
        ? tensor.ToDoubles()
        : throw new InvalidDataException($"{side}: tensor '{tensor.Name}' is {tensor.DType}; write F32 or F64");
}
