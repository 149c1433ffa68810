using System.Numerics;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;

namespace LearnerNet;

/// <summary>
/// The layers in order, a loss and plain SGD, trained on one batch: one <see cref="Step"/> is zero_grad, forward,
/// loss, backward and w ← w − lr·dL/dw. It hands each layer's output and the gradient at it to the suite as it goes.
/// </summary>
public sealed class Network<T> : ITrainingRun<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<ILayer<T>> _layers = [];
    private readonly ILoss<T> _loss;
    private readonly T _learningRate;
    private readonly T[] _inputs, _targets;
    private readonly int _batch;

    public Network(TrainingSetup<T> setup, string? bug)
    {
        foreach (var layer in setup.Spec.Layers)
        {
            _layers.Add(layer.Kind switch
            {
                LayerKind.Linear => new Linear<T>(layer.Name, layer.InFeatures, layer.OutFeatures),
                LayerKind.ReLU => Activation<T>.ReLU(layer.Name, slopeBug: bug == "relu-slope"),
                LayerKind.Sigmoid => Activation<T>.Sigmoid(layer.Name),
                LayerKind.Tanh => Activation<T>.Tanh(layer.Name),
                _ => throw new NotSupportedException($"layer kind {layer.Kind}"),
            });
        }
        _loss = setup.Spec.Loss switch
        {
            LossKind.MeanSquaredError => new SquaredError<T>(T.One),
            LossKind.HalfSquaredError => new SquaredError<T>(T.CreateChecked(0.5)),
            LossKind.BinaryCrossEntropy => new BinaryCrossEntropy<T>(),
            LossKind.SoftmaxCrossEntropy => new SoftmaxCrossEntropy<T>(),
            _ => throw new NotSupportedException($"loss {setup.Spec.Loss}"),
        };
        _learningRate = T.CreateChecked(setup.Spec.Optimizer.LearningRate);
        (_inputs, _targets, _batch) = (setup.Inputs, setup.Targets, setup.BatchSize);
    }

    public T Step(IStepCapture<T> capture)
    {
        foreach (var linear in _layers.OfType<Linear<T>>())
        {
            Array.Clear(linear.WeightGrad);
            Array.Clear(linear.BiasGrad);
        }

        T[] activation = _inputs;
        foreach (var layer in _layers)
        {
            activation = layer.Forward(activation, _batch);
            capture.LayerOutput(layer.Name, activation);
        }
        T loss = _loss.Forward(activation, _targets, _batch);

        T[] gradient = _loss.Backward();
        for (int i = _layers.Count - 1; i >= 0; i--)
        {
            capture.GradientAtLayerOutput(_layers[i].Name, gradient);
            gradient = _layers[i].Backward(gradient, _batch);
        }

        foreach (var linear in _layers.OfType<Linear<T>>())
        {
            for (int k = 0; k < linear.Weight.Length; k++) linear.Weight[k] -= _learningRate * linear.WeightGrad[k];
            for (int k = 0; k < linear.Bias.Length; k++) linear.Bias[k] -= _learningRate * linear.BiasGrad[k];
        }
        return loss;
    }

    public void SetParameter(string name, ReadOnlySpan<T> values) => values.CopyTo(Find(name, values: true));

    public void GetParameter(string name, Span<T> destination) => Find(name, values: true).CopyTo(destination);

    public void GetGradient(string name, Span<T> destination) => Find(name, values: false).CopyTo(destination);

    public IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["optimizer"] = "sgd",
        ["learning rate"] = double.CreateChecked(_learningRate).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["loss reduction"] = "mean",
    };

    // "fc1.weight" is layer fc1's Weight, "fc1.bias" its Bias: PyTorch's names.
    private T[] Find(string name, bool values)
    {
        string[] parts = name.Split('.');
        var linear = _layers.OfType<Linear<T>>().SingleOrDefault(l => l.Name == parts[0])
                     ?? throw new ArgumentException($"no linear layer named {parts[0]}");
        return (parts[1], values) switch
        {
            ("weight", true) => linear.Weight,
            ("weight", false) => linear.WeightGrad,
            ("bias", true) => linear.Bias,
            ("bias", false) => linear.BiasGrad,
            _ => throw new ArgumentException($"no parameter {name}"),
        };
    }
}
