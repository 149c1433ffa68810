using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// Drives an <see cref="IImplementation"/> for one scenario as the suite drives every side: converts the scenario's
/// data and parameters into T, checks that every parameter exists with its shape, and turns each step into the step
/// stream (act/ and dact/ as captured, loss, grad/, param/), reading gradients and parameters back by name.
/// </summary>
public static class ImplementationSession
{
    public static ISession Start(IImplementation implementation, Scenario scenario) => scenario.Spec.DType switch
    {
        DType.Float32 => new ImplementationSession<float>(implementation, scenario),
        DType.Float64 => new ImplementationSession<double>(implementation, scenario),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Spec.DType, "unknown dtype"),
    };
}

/// <inheritdoc cref="ImplementationSession"/>
public sealed class ImplementationSession<T> : ISession where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Scenario _scenario;
    private readonly ITrainingRun<T> _run;
    private readonly IReadOnlyList<ParameterShape> _parameters;
    private readonly HashSet<string> _layerNames;
    private readonly int _batch;

    public ImplementationSession(IImplementation implementation, Scenario scenario)
    {
        _scenario = scenario;
        _parameters = scenario.InitialParameters.Select(p => new ParameterShape(p.Name, p.Shape)).ToList();
        _layerNames = scenario.Spec.Layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        _batch = scenario.Inputs.Shape[0];
        _run = implementation.Start(Setup(scenario));
        LoadParameters(scenario.InitialParameters);
    }

    public IReadOnlyDictionary<string, string>? Settings => _run.Settings;

    public void LoadParameters(IReadOnlyList<NamedTensor> parameters)
    {
        var given = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var parameter in parameters) given[parameter.Name] = parameter;
        foreach (var parameter in _parameters)
        {
            if (!given.Remove(parameter.Name, out var values))
                throw new InvalidDataException($"Scenario {_scenario.Id} has no value for parameter {parameter.Name}.");
            if (!values.Shape.SequenceEqual(parameter.Shape))
                throw new InvalidDataException($"Scenario {_scenario.Id}: {parameter.Name} is given as {values.ShapeText}, the model's is [{string.Join(", ", parameter.Shape)}].");
            _run.SetParameter(parameter.Name, ToT(values.Values));
        }
        if (given.Count > 0)
            throw new InvalidDataException($"Scenario {_scenario.Id} gives values for parameters the model lacks: {string.Join(", ", given.Keys)}.");
    }

    // The step stream in phase order: act/ (as captured, in layer order), loss, dact/ (as captured, last layer first),
    // grad/ and param/ for every parameter, read back after the optimizer step.
    public TraceStep Step(int step)
    {
        var capture = new Capture(_batch, _layerNames);
        double loss = double.CreateChecked(_run.Step(capture));
        var record = new List<TraceTensor>(capture.Forward) { new(Phase.Loss, new NamedTensor(TraceTensor.LossName, [], [loss])) };
        record.AddRange(capture.Backward);
        var buffer = new T[_parameters.Count == 0 ? 0 : _parameters.Max(p => p.ElementCount)];
        foreach (var parameter in _parameters)
        {
            var values = buffer.AsSpan(0, parameter.ElementCount);
            _run.GetGradient(parameter.Name, values);
            record.Add(new TraceTensor(Phase.Gradient, new NamedTensor(TraceTensor.ParameterGradient(parameter.Name), parameter.Shape, ToDoubles(values))));
        }
        foreach (var parameter in _parameters)
        {
            var values = buffer.AsSpan(0, parameter.ElementCount);
            _run.GetParameter(parameter.Name, values);
            record.Add(new TraceTensor(Phase.Update, new NamedTensor(TraceTensor.ParameterValue(parameter.Name), parameter.Shape, ToDoubles(values))));
        }
        return new TraceStep(step, record);
    }

    public void Dispose() => (_run as IDisposable)?.Dispose();

    /// <summary>What an implementation is started with for <paramref name="scenario"/>: its spec, its batch in T, its parameters' names and shapes.</summary>
    public static TrainingSetup<T> Setup(Scenario scenario) => new(scenario.Spec, ToT(scenario.Inputs.Values), scenario.Inputs.Shape,
        ToT(scenario.Targets.Values), scenario.Targets.Shape, scenario.InitialParameters.Select(p => new ParameterShape(p.Name, p.Shape)).ToList());

    /// <summary>The values in T (float32 rounds to nearest).</summary>
    public static T[] ToT(double[] values)
    {
        var converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++) converted[i] = T.CreateChecked(values[i]);
        return converted;
    }

    private static double[] ToDoubles(ReadOnlySpan<T> values)
    {
        var converted = new double[values.Length];
        for (int i = 0; i < values.Length; i++) converted[i] = double.CreateChecked(values[i]);
        return converted;
    }

    // Layer outputs are [batch, features]: the batch is the scenario's, the features what the values give.
    private sealed class Capture(int batch, HashSet<string> layers) : IStepCapture<T>
    {
        public List<TraceTensor> Forward { get; } = [];
        public List<TraceTensor> Backward { get; } = [];

        public void LayerOutput(string layer, ReadOnlySpan<T> values) =>
            Forward.Add(new TraceTensor(Phase.Forward, Tensor(TraceTensor.Activation(layer), layer, values)));

        public void GradientAtLayerOutput(string layer, ReadOnlySpan<T> values) =>
            Backward.Add(new TraceTensor(Phase.Backward, Tensor(TraceTensor.ActivationGradient(layer), layer, values)));

        private NamedTensor Tensor(string name, string layer, ReadOnlySpan<T> values)
        {
            if (!layers.Contains(layer))
                throw new InvalidDataException($"{name}: the scenario has no layer named '{layer}' (it has {string.Join(", ", layers)}).");
            if (values.Length % batch != 0)
                throw new InvalidDataException($"{name}: {values.Length} values are not [batch {batch}, features].");
            return new NamedTensor(name, [batch, values.Length / batch], ToDoubles(values));
        }
    }
}
