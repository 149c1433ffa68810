using System.Runtime.InteropServices;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.TorchRef;
using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.Harness.Runners;

/// <summary>Runs a scenario on the TorchSharp reference: libtorch's kernels and autograd.</summary>
public sealed class TorchRunner : IRunner
{
    public string Side => "torch";

    public Trace Run(Scenario scenario)
    {
        TorchRuntime.EnsureLoaded();
        return new Trace(Side, scenario.Spec, Steps(scenario));
    }

    private static IEnumerable<TraceStep> Steps(Scenario scenario)
    {
        ScenarioSpec spec = scenario.Spec;
        ScalarType dtype = spec.DType == DType.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        using var model = BuildModel(spec, dtype);
        foreach (var initial in scenario.InitialParameters)
            model.LoadParameter(initial.Name, initial.Shape.Select(s => (long)s).ToArray(), initial.Values);
        var parameters = model.named_parameters().ToArray();
        if (parameters.Length != scenario.InitialParameters.Count)
            throw new InvalidDataException($"Scenario {scenario.Id} gives {scenario.InitialParameters.Count} initial parameters; the model has {parameters.Length}.");

        using Tensor inputs = ToTensor(scenario.Inputs, dtype);
        using Tensor targets = ToTensor(scenario.Targets, dtype);
        Func<Tensor, Tensor, Tensor> lossFunction = spec.Loss switch
        {
            LossKind.MeanSquaredError => TorchLosses.MeanSquaredError,
            LossKind.HalfSquaredError => TorchLosses.HalfSquaredError,
            LossKind.BinaryCrossEntropy => TorchLosses.BinaryCrossEntropy,
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), spec.Loss, "unknown loss"),
        };
        if (spec.Optimizer.Kind != "sgd")
            throw new ArgumentOutOfRangeException(nameof(scenario), spec.Optimizer.Kind, "unknown optimizer");
        using var optimizer = optim.SGD(model.parameters(), spec.Optimizer.LearningRate);

        for (int step = 0; step < spec.Steps; step++)
        {
            var record = new List<TraceTensor>();
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var layerOutputs = new List<Tensor>();
                Tensor prediction = model.Forward(inputs, layerOutputs);
                Tensor loss = lossFunction(prediction, targets);
                loss.backward();

                for (int i = 0; i < layerOutputs.Count; i++)
                    record.Add(Record(Phase.Forward, TraceTensor.Activation(model.LayerNames[i]), layerOutputs[i]));
                record.Add(Record(Phase.Loss, TraceTensor.LossName, loss));
                for (int i = layerOutputs.Count - 1; i >= 0; i--)
                {
                    Tensor gradient = layerOutputs[i].grad
                        ?? throw new InvalidOperationException($"No gradient reached {model.LayerNames[i]}'s output.");
                    record.Add(Record(Phase.Backward, TraceTensor.ActivationGradient(model.LayerNames[i]), gradient));
                }
                foreach (var (name, parameter) in parameters)
                {
                    Tensor gradient = parameter.grad ?? throw new InvalidOperationException($"No gradient reached {name}.");
                    record.Add(Record(Phase.Gradient, TraceTensor.ParameterGradient(name), gradient));
                }

                optimizer.step();
                foreach (var (name, parameter) in parameters)
                    record.Add(Record(Phase.Update, TraceTensor.ParameterValue(name), parameter));
            }
            yield return new TraceStep(step, record);
        }
    }

    private static TorchSequentialModel BuildModel(ScenarioSpec spec, ScalarType dtype)
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

    private static Tensor ToTensor(NamedTensor values, ScalarType dtype)
    {
        using Tensor source = tensor(values.Values, values.Shape.Select(s => (long)s).ToArray(), dtype: ScalarType.Float64);
        return source.to_type(dtype);   // rounds to nearest, as the manual side's conversion does
    }

    private static TraceTensor Record(Phase phase, string name, Tensor tensor)
    {
        int[] shape = tensor.shape.Select(s => checked((int)s)).ToArray();
        return new TraceTensor(phase, new NamedTensor(name, shape, ToDoubles(tensor)));
    }

    // A bulk copy of the tensor's bytes; TensorAccessor.ToArray walks the tensor element by element.
    private static double[] ToDoubles(Tensor tensor)
    {
        using Tensor contiguous = tensor.detach().contiguous();
        var values = new double[checked((int)contiguous.numel())];
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
