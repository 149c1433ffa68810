using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Models;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Runners;

/// <summary>The hand-written model, loss and optimizer for one scenario, in dtype T.</summary>
public sealed class ManualSession<T> : ISession where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Scenario _scenario;
    private readonly Sequential<T> _model;
    private readonly Matrix<T> _inputs;    // [batch, in]
    private readonly Matrix<T> _targets;   // [batch, out]
    private readonly ILoss<T> _loss;
    private readonly IOptimizer<T> _optimizer;
    private readonly bool _zeroGrad;

    public ManualSession(Scenario scenario, IManualFactory layerFactory)
    {
        _scenario = scenario;
        ScenarioSpec spec = scenario.Spec;
        _model = new Sequential<T>(spec.Layers.Select(layerFactory.Create<T>).ToArray());
        _inputs = ToMatrix(scenario.Inputs);
        _targets = ToMatrix(scenario.Targets);
        _loss = layerFactory.CreateLoss<T>(spec.Loss);
        _optimizer = layerFactory.CreateOptimizer<T>(spec.Optimizer);
        _zeroGrad = layerFactory.ZeroGradBetweenSteps;
        LoadParameters(scenario.InitialParameters);
    }

    public void LoadParameters(IReadOnlyList<NamedTensor> parameters)
    {
        var given = parameters.ToDictionary(p => p.Name);
        foreach (Parameter<T> parameter in _model.Parameters)
        {
            if (!given.Remove(parameter.Name, out var values))
                throw new InvalidDataException($"Scenario {_scenario.Id} has no value for parameter {parameter.Name}.");
            if (!values.Shape.SequenceEqual(parameter.Shape))
                throw new InvalidDataException($"Scenario {_scenario.Id}: {parameter.Name} is given as {values.ShapeText}, the model's is [{string.Join(", ", parameter.Shape)}].");
            parameter.Load(values.Values);
        }
        if (given.Count > 0)
            throw new InvalidDataException($"Scenario {_scenario.Id} gives values for parameters the model lacks: {string.Join(", ", given.Keys)}.");
    }

    // One training step, in torch's order: zero the gradients, forward, loss, backward, optimizer step.
    public TraceStep Step(int step)
    {
        var record = new List<TraceTensor>();
        if (_zeroGrad) _model.ZeroGrad();

        Matrix<T> prediction = _model.Forward(_inputs);
        for (int i = 0; i < _model.Layers.Count; i++)
            record.Add(Record(Phase.Forward, TraceTensor.Activation(_model.Layers[i].Name), _model.LayerOutput(i)));

        T loss = _loss.Forward(prediction, _targets);
        record.Add(new TraceTensor(Phase.Loss, new NamedTensor(TraceTensor.LossName, [], [double.CreateChecked(loss)])));

        _model.Backward(_loss.Backward());
        for (int i = _model.Layers.Count - 1; i >= 0; i--)
            record.Add(Record(Phase.Backward, TraceTensor.ActivationGradient(_model.Layers[i].Name), _model.GradientAtLayerOutput(i)));
        foreach (var parameter in _model.Parameters)
            record.Add(Record(Phase.Gradient, TraceTensor.ParameterGradient(parameter.Name), parameter.Grad, parameter.Shape));

        _optimizer.Step(_model.Parameters);
        foreach (var parameter in _model.Parameters)
            record.Add(Record(Phase.Update, TraceTensor.ParameterValue(parameter.Name), parameter.Value, parameter.Shape));

        return new TraceStep(step, record);
    }

    /// <summary>One training step that records nothing: what a user's training loop does, and what the benchmarks time.</summary>
    public double Train()
    {
        if (_zeroGrad) _model.ZeroGrad();
        T loss = _loss.Forward(_model.Forward(_inputs), _targets);
        _model.Backward(_loss.Backward());
        _optimizer.Step(_model.Parameters);
        return double.CreateChecked(loss);
    }

    // Plain SGD has no momentum, dampening, weight decay or Nesterov term: they are 0 / off by construction.
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["layers"] = string.Join(", ", _model.Layers.Select(layer => $"{layer.Name} {layer.Kind}")),
        ["loss"] = _loss.Name,
        ["loss reduction"] = "mean",
        ["optimizer"] = "sgd",
        ["learning rate"] = SettingsText.Number(double.CreateChecked(_optimizer.LearningRate)),
        ["momentum"] = "0",
        ["dampening"] = "0",
        ["weight decay"] = "0",
        ["nesterov"] = "off",
        ["maximize"] = "off",
    };

    public void Dispose()
    {
    }

    private static TraceTensor Record(Phase phase, string name, Matrix<T> matrix, int[]? shape = null) =>
        new(phase, new NamedTensor(name, shape ?? [matrix.Rows, matrix.Cols], matrix.ToDoubles()));

    private static Matrix<T> ToMatrix(NamedTensor tensor)
    {
        if (tensor.Shape.Length != 2)
            throw new InvalidDataException($"{tensor.Name} must be [batch, features], got {tensor.ShapeText}.");
        return Matrix<T>.FromDoubles(tensor.Shape[0], tensor.Shape[1], tensor.Values);
    }
}
