using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;
using BackpropParity.Manual;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Models;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Runners;

/// <summary>The hand-written model, loss and optimizer for one scenario, in dtype T.</summary>
public sealed class ManualTrainingRun<T> : ITrainingRun<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private readonly Dictionary<string, Parameter<T>> _parameters;
    private readonly Matrix<T> _inputs;    // [batch, in]
    private readonly Matrix<T> _targets;   // [batch, out]
    private readonly ILoss<T> _loss;
    private readonly IOptimizer<T> _optimizer;
    private readonly bool _zeroGrad;

    public ManualTrainingRun(TrainingSetup<T> setup, IManualFactory factory)
    {
        ScenarioSpec spec = setup.Spec;
        _model = new Sequential<T>(spec.Layers.Select(factory.Create<T>).ToArray());
        _parameters = _model.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _inputs = ToMatrix("inputs", setup.Inputs, setup.InputShape);
        _targets = ToMatrix("targets", setup.Targets, setup.TargetShape);
        _loss = factory.CreateLoss<T>(spec.Loss);
        _optimizer = factory.CreateOptimizer<T>(spec.Optimizer);
        _zeroGrad = factory.ZeroGradBetweenSteps;
    }

    /// <summary>A run for <paramref name="scenario"/> with its initial parameters set: what the benchmarks time.</summary>
    public static ManualTrainingRun<T> ForScenario(Scenario scenario, IManualFactory? factory = null)
    {
        var run = new ManualTrainingRun<T>(ImplementationSession<T>.Setup(scenario), factory ?? ManualFactory.Instance);
        foreach (var parameter in scenario.InitialParameters) run.SetParameter(parameter.Name, ImplementationSession<T>.ToT(parameter.Values));
        return run;
    }

    public void SetParameter(string name, ReadOnlySpan<T> values) => values.CopyTo(Find(name, values.Length).Value.Data);

    public void GetParameter(string name, Span<T> destination) => Find(name, destination.Length).Value.Data.CopyTo(destination);

    public void GetGradient(string name, Span<T> destination) => Find(name, destination.Length).Grad.Data.CopyTo(destination);

    // One training step, in torch's order: zero the gradients, forward, loss, backward, optimizer step.
    public T Step(IStepCapture<T> capture)
    {
        if (_zeroGrad) _model.ZeroGrad();
        Matrix<T> prediction = _model.Forward(_inputs);
        for (int i = 0; i < _model.Layers.Count; i++)
            capture.LayerOutput(_model.Layers[i].Name, _model.LayerOutput(i).Data);

        T loss = _loss.Forward(prediction, _targets);
        _model.Backward(_loss.Backward());
        for (int i = _model.Layers.Count - 1; i >= 0; i--)
            capture.GradientAtLayerOutput(_model.Layers[i].Name, _model.GradientAtLayerOutput(i).Data);

        _optimizer.Step(_model.Parameters);
        return loss;
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

    private Parameter<T> Find(string name, int length)
    {
        if (!_parameters.TryGetValue(name, out var parameter))
            throw new InvalidDataException($"The model has no parameter {name}.");
        if (parameter.Value.Length != length)
            throw new InvalidDataException($"Parameter {name} holds {parameter.Value.Length} values, not {length}.");
        return parameter;
    }

    private static Matrix<T> ToMatrix(string name, T[] values, int[] shape)
    {
        if (shape.Length != 2)
            throw new InvalidDataException($"{name} must be [batch, features], got [{string.Join(", ", shape)}].");
        return new Matrix<T>(shape[0], shape[1], values);
    }
}
