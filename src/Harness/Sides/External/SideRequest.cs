using System.Globalization;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Sides.External;

/// <summary>
/// What the harness hands an external side for one scenario (protocol <see cref="Protocol"/>, docs/side-protocol.md):
/// a safetensors file holding the scenario's spec in its metadata, the batch, the initial parameters, and for each step
/// to replay the parameters to start it from. The layout is a fixture's without the results, so a program that
/// reads one reads the other.
/// <code>
/// metadata: protocol = backprop-parity-side/1, scenario_id, scenario_spec (JSON), dtype (float32 | float64),
///           steps, recorded_steps (comma-separated: the steps to replay)
/// tensors:  data/inputs [batch, in], data/targets [batch, out], init/&lt;param&gt;, step/&lt;k&gt;/start/&lt;param&gt;
/// </code>
/// </summary>
public static class SideRequest
{
    public const string Protocol = "backprop-parity-side/1";

    /// <summary>The request for <paramref name="scenario"/>, with the steps to replay and their start parameters taken from the reference's recording.</summary>
    public static byte[] Serialize(Scenario scenario, Fixture reference)
    {
        ScenarioSpec spec = scenario.Spec;
        var storage = spec.DType == DType.Float32 ? SafetensorsDType.F32 : SafetensorsDType.F64;
        SafetensorsTensor Store(string name, NamedTensor tensor) =>
            SafetensorsTensor.FromDoubles(name, storage, tensor.Shape.Select(s => (long)s).ToArray(), tensor.RoundedTo(spec.DType).Values);

        var tensors = new List<SafetensorsTensor> { Store("data/inputs", scenario.Inputs), Store("data/targets", scenario.Targets) };
        tensors.AddRange(scenario.InitialParameters.Select(p => Store($"init/{p.Name}", p)));
        foreach (var (step, recorded) in reference.Recorded)
            tensors.AddRange(recorded.StartParameters.Select(p => Store($"step/{step}/start/{p.Name}", p)));
        var metadata = new Dictionary<string, string>
        {
            ["protocol"] = Protocol,
            ["scenario_id"] = spec.Id,
            ["scenario_spec"] = ScenarioJson.Canonical(spec),
            ["dtype"] = spec.DType.Name(),
            ["steps"] = spec.Steps.ToString(CultureInfo.InvariantCulture),
            ["recorded_steps"] = string.Join(",", reference.Recorded.Keys),
        };
        return SafetensorsWriter.Serialize(tensors, metadata);
    }
}
