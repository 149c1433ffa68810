using System.Runtime.InteropServices;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.TorchRef;
using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.Harness.Runners;

/// <summary>The TorchSharp reference model, loss and optimizer for one scenario; autograd does the backward.</summary>
public sealed class TorchSession : ISession
{
    private readonly Scenario _scenario;
    private readonly TorchSequentialModel _model;
    private readonly (string Name, TorchSharp.Modules.Parameter Parameter)[] _parameters;
    private readonly Tensor _inputs;    // [batch, in]
    private readonly Tensor _targets;   // [batch, out]
    private readonly Func<Tensor, Tensor, Tensor> _loss;
    private readonly string _lossName;
    private readonly TorchSgd _optimizer;
    private readonly Dictionary<string, int[]> _shapes = [];   // by recorded name, read from libtorch once (see Record)

    /// <param name="lossOverride">Replaces the scenario's loss (for tests that give the reference the same mistake as a mutant).</param>
    public TorchSession(Scenario scenario, Func<Tensor, Tensor, Tensor>? lossOverride = null)
    {
        TorchRuntime.EnsureLoaded();
        _scenario = scenario;
        ScenarioSpec spec = scenario.Spec;
        ScalarType dtype = spec.DType == DType.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        _model = BuildModel(spec, dtype);
        _parameters = _model.named_parameters().ToArray();
        LoadParameters(scenario.InitialParameters);
        _inputs = ToTensor(scenario.Inputs, dtype);
        _targets = ToTensor(scenario.Targets, dtype);
        (_loss, _lossName) = Loss(spec.Loss);
        if (lossOverride is not null) _loss = lossOverride;
        _optimizer = spec.Optimizer.Kind switch
        {
            "sgd" => new TorchSgd(_parameters.Select(p => p.Parameter), spec.Optimizer.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), spec.Optimizer.Kind, "unknown optimizer"),
        };
    }

    public void LoadParameters(IReadOnlyList<NamedTensor> parameters)
    {
        if (parameters.Count != _parameters.Length || parameters.Any(p => _parameters.All(q => q.Name != p.Name)))
            throw new InvalidDataException(
                $"Scenario {_scenario.Id} gives parameters {string.Join(", ", parameters.Select(p => p.Name))}; the model has {string.Join(", ", _parameters.Select(p => p.Name))}.");
        foreach (var parameter in parameters)
            _model.LoadParameter(parameter.Name, parameter.Shape.Select(s => (long)s).ToArray(), parameter.Values);
    }

    // One training step, as a PyTorch user writes it: zero_grad, forward, loss, backward, step.
    public TraceStep Step(int step)
    {
        var record = new List<TraceTensor>();
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        var layerOutputs = new List<Tensor>();
        Tensor prediction = _model.Forward(_inputs, layerOutputs);
        Tensor loss = _loss(prediction, _targets);
        loss.backward();

        for (int i = 0; i < layerOutputs.Count; i++)
            record.Add(Record(Phase.Forward, TraceTensor.Activation(_model.LayerNames[i]), layerOutputs[i]));
        record.Add(Record(Phase.Loss, TraceTensor.LossName, loss));
        for (int i = layerOutputs.Count - 1; i >= 0; i--)
        {
            Tensor gradient = layerOutputs[i].grad ?? throw new InvalidOperationException($"No gradient reached {_model.LayerNames[i]}'s output.");
            record.Add(Record(Phase.Backward, TraceTensor.ActivationGradient(_model.LayerNames[i]), gradient));
        }
        foreach (var (name, parameter) in _parameters)
        {
            Tensor gradient = parameter.grad ?? throw new InvalidOperationException($"No gradient reached {name}.");
            record.Add(Record(Phase.Gradient, TraceTensor.ParameterGradient(name), gradient));
        }

        _optimizer.Step();
        foreach (var (name, parameter) in _parameters)
            record.Add(Record(Phase.Update, TraceTensor.ParameterValue(name), parameter));
        return new TraceStep(step, record);
    }

    /// <summary>One training step that records nothing: what a user's training loop does, and what the benchmarks time.</summary>
    public double Train()
    {
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        Tensor loss = _loss(_model.forward(_inputs), _targets);
        loss.backward();
        _optimizer.Step();
        return loss.ToDouble();
    }

    // Read back from the optimizer built, not from the spec. Plain SGD has no momentum, dampening, weight decay,
    // Nesterov or maximize term: they are 0 / off by construction (see TorchSgd).
    // The learning rate is shown as the run's dtype holds it: libtorch casts the step's alpha to the tensor's type.
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            double learningRate = _scenario.Spec.DType == DType.Float32 ? (float)_optimizer.LearningRate : _optimizer.LearningRate;
            return new Dictionary<string, string>
            {
                ["layers"] = _model.LayersText,
                ["loss"] = _lossName,
                ["loss reduction"] = "mean",
                ["optimizer"] = "sgd",
                ["learning rate"] = SettingsText.Number(learningRate),
                ["momentum"] = SettingsText.Number(0),
                ["dampening"] = SettingsText.Number(0),
                ["weight decay"] = SettingsText.Number(0),
                ["nesterov"] = "off",
                ["maximize"] = "off",
            };
        }
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _inputs.Dispose();
        _targets.Dispose();
        _model.Dispose();
    }

    /// <summary>The reference's loss function for a loss kind, and the name it reports in the settings.</summary>
    internal static (Func<Tensor, Tensor, Tensor> Function, string Name) Loss(LossKind kind) => kind switch
    {
        LossKind.MeanSquaredError => (TorchLosses.MeanSquaredError, "mse"),
        LossKind.HalfSquaredError => (TorchLosses.HalfSquaredError, "half_squared_error"),
        LossKind.BinaryCrossEntropy => (TorchLosses.BinaryCrossEntropy, "bce"),
        LossKind.SoftmaxCrossEntropy => (TorchLosses.SoftmaxCrossEntropy, "cross_entropy"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    /// <summary>The scenario's layers as a TorchSharp model in dtype, with libtorch's default initialisation (load the scenario's values after).</summary>
    internal static TorchSequentialModel BuildModel(ScenarioSpec spec, ScalarType dtype)
    {
        var model = new TorchSequentialModel(dtype);
        foreach (var layer in spec.Layers)
        {
            _ = layer.Kind switch
            {
                LayerKind.Linear => model.AddLinear(layer.Name, layer.InFeatures, layer.OutFeatures),
                LayerKind.Sigmoid => model.AddSigmoid(layer.Name),
                LayerKind.Tanh => model.AddTanh(layer.Name),
                LayerKind.ReLU => model.AddReLU(layer.Name),
                _ => throw new ArgumentOutOfRangeException(nameof(spec), layer.Kind, $"Layer {layer.Name}: unknown kind."),
            };
        }
        return model;
    }

    internal static Tensor ToTensor(NamedTensor values, ScalarType dtype)
    {
        using Tensor source = tensor(values.Values, values.Shape.Select(s => (long)s).ToArray(), dtype: ScalarType.Float64);
        return source.to_type(dtype);   // rounds to nearest, as the manual side's conversion does
    }

    private TraceTensor Record(Phase phase, string name, Tensor tensor)
    {
        double[] values = ToDoubles(tensor);
        // Reading a shape back from libtorch costs more than copying a small tensor; a name's shape is fixed for the
        // session (same model, same inputs), so it is read once, and read again should the element count change.
        if (!_shapes.TryGetValue(name, out int[]? shape) || NamedTensor.ElementCount(shape) != values.Length)
            _shapes[name] = shape = tensor.shape.Select(s => checked((int)s)).ToArray();
        return new TraceTensor(phase, new NamedTensor(name, shape, values));
    }

    // A bulk copy of the tensor's bytes; TensorAccessor.ToArray walks the tensor element by element. Every tensor a
    // step records is already contiguous (op outputs, gradients, parameters); a strided one is copied first.
    private static double[] ToDoubles(Tensor tensor)
    {
        if (tensor.is_contiguous()) return ContiguousToDoubles(tensor);
        using Tensor contiguous = tensor.detach().contiguous();
        return ContiguousToDoubles(contiguous);
    }

    private static double[] ContiguousToDoubles(Tensor contiguous)
    {
        var values = GC.AllocateUninitializedArray<double>(checked((int)contiguous.numel()));
        switch (contiguous.dtype)
        {
            case ScalarType.Float64:
                MemoryMarshal.Cast<byte, double>(contiguous.bytes).CopyTo(values);
                break;
            case ScalarType.Float32:
                ReadOnlySpan<float> singles = MemoryMarshal.Cast<byte, float>(contiguous.bytes);
                for (int i = 0; i < values.Length; i++) values[i] = singles[i];   // exact widening
                break;
            default:
                throw new InvalidOperationException($"Cannot record a {contiguous.dtype} tensor.");
        }
        return values;
    }
}
