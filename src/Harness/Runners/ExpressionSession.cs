using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Runners;

/// <summary>
/// One side's evaluation of a scalar expression, recorded like a training step: <c>act/&lt;intermediate&gt;</c>,
/// <c>loss</c>, <c>dact/&lt;intermediate&gt;</c> (dL/d of it, right to left), <c>grad/&lt;input&gt;</c>, and
/// <c>nudge/&lt;input&gt;</c> for a slope measured by nudging. Nothing is updated.
/// </summary>
public sealed class ExpressionSession(Scenario scenario, Func<string, IReadOnlyDictionary<string, double>, ExpressionValues> evaluate) : ISession
{
    private Dictionary<string, double> _inputs = Inputs(scenario, scenario.InitialParameters);

    public void LoadParameters(IReadOnlyList<NamedTensor> parameters) => _inputs = Inputs(scenario, parameters);

    public TraceStep Step(int step)
    {
        var values = evaluate(scenario.Spec.Expression!, _inputs);
        var record = new List<TraceTensor>();
        record.AddRange(values.Forward.Select(f => Scalar(Phase.Forward, TraceTensor.Activation(f.Name), f.Value)));
        record.Add(Scalar(Phase.Loss, TraceTensor.LossName, values.Loss));
        record.AddRange(values.IntermediateGradients.Select(g => Scalar(Phase.Backward, TraceTensor.ActivationGradient(g.Name), g.Value)));
        record.AddRange(values.InputGradients.Select(g => Scalar(Phase.Gradient, TraceTensor.ParameterGradient(g.Name), g.Value)));
        record.AddRange(values.Nudged.Select(g => Scalar(Phase.Gradient, TraceTensor.NudgedSlope(g.Name), g.Value)));
        return new TraceStep(step, record);
    }

    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["expression"] = scenario.Spec.Expression! };

    public void Dispose()
    {
    }

    private static TraceTensor Scalar(Phase phase, string name, double value) => new(phase, new NamedTensor(name, [], [value]));

    private static Dictionary<string, double> Inputs(Scenario scenario, IReadOnlyList<NamedTensor> parameters)
    {
        var inputs = new Dictionary<string, double>();
        foreach (var parameter in parameters)
        {
            if (parameter.Values.Length != 1)
                throw new InvalidDataException($"Scenario {scenario.Id}: input {parameter.Name} of an expression must be one number, got {parameter.ShapeText}.");
            inputs[parameter.Name] = parameter.Values[0];
        }
        return inputs;
    }
}
