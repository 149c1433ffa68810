using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BackpropParity.TorchRef;

/// <summary>
/// The reference model: TorchSharp modules applied in order, registered under the same names as the manual
/// layers, so <c>named_parameters()</c> yields <c>fc1.weight</c>, <c>fc1.bias</c>, ... with PyTorch's layouts.
/// </summary>
public sealed class TorchSequentialModel : nn.Module<Tensor, Tensor>
{
    private readonly List<(string Name, nn.Module<Tensor, Tensor> Module)> _layers = [];

    public TorchSequentialModel(ScalarType dtype) : base("TorchSequentialModel")
    {
        TorchRuntime.EnsureLoaded();
        DType = dtype;
    }

    public ScalarType DType { get; }

    public IReadOnlyList<string> LayerNames => _layers.Select(l => l.Name).ToArray();

    /// <summary>Each layer's name and operation, read from the modules built: "fc1 linear, sigmoid1 sigmoid".</summary>
    public string LayersText => string.Join(", ", _layers.Select(l => $"{l.Name} {KindOf(l.Module)}"));

    private static string KindOf(nn.Module<Tensor, Tensor> module) => module switch
    {
        Linear => "linear",
        Sigmoid => "sigmoid",
        Tanh => "tanh",
        ReLU => "relu",
        _ => module.GetType().Name.ToLowerInvariant(),
    };

    public TorchSequentialModel AddLinear(string name, int inFeatures, int outFeatures) =>
        Add(name, nn.Linear(inFeatures, outFeatures, hasBias: true, dtype: DType));

    public TorchSequentialModel AddSigmoid(string name) => Add(name, nn.Sigmoid());

    public TorchSequentialModel AddTanh(string name) => Add(name, nn.Tanh());

    public TorchSequentialModel AddReLU(string name) => Add(name, nn.ReLU());

    private TorchSequentialModel Add(string name, nn.Module<Tensor, Tensor> module)
    {
        if (_layers.Any(l => l.Name == name)) throw new ArgumentException($"Two layers are named '{name}'; names must be unique.");
        _layers.Add((name, module));
        register_module(name, module);
        return this;
    }

    /// <summary>Copies values into the named parameter (<c>fc1.weight</c>), checking the shape.</summary>
    public void LoadParameter(string name, long[] shape, double[] values)
    {
        var parameter = named_parameters().FirstOrDefault(p => p.name == name).parameter
            ?? throw new ArgumentException($"The model has no parameter '{name}' (it has {string.Join(", ", named_parameters().Select(p => p.name))}).");
        if (!parameter.shape.SequenceEqual(shape))
            throw new ArgumentException($"Parameter {name} is [{string.Join(", ", parameter.shape)}], the values are for [{string.Join(", ", shape)}].");
        using var source = tensor(values, shape, dtype: ScalarType.Float64);
        using (no_grad())
        {
            parameter.copy_(source);   // copy_ converts float64 → the model's dtype, rounding to nearest
        }
    }

    public override Tensor forward(Tensor input) => Forward(input, layerOutputs: null);

    /// <summary>
    /// Runs the layers in order. When <paramref name="layerOutputs"/> is given, each layer's output is added to
    /// it with <c>retain_grad()</c>, so after <c>backward()</c> its <c>.grad</c> is dL/d(that output).
    /// </summary>
    public Tensor Forward(Tensor input, List<Tensor>? layerOutputs)
    {
        Tensor activation = input;
        foreach (var (_, module) in _layers)
        {
            activation = module.call(activation);
            if (layerOutputs is not null)
            {
                activation.retain_grad();
                layerOutputs.Add(activation);
            }
        }
        return activation;
    }
}
