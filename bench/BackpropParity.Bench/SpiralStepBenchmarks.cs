using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Scenarios.Builtin;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Models;
using BackpropParity.Manual.Optimizers;
using BackpropParity.Manual.Tensors;
using BackpropParity.TorchRef;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace BackpropParity.Bench;

/// <summary>
/// One training step (zero_grad, forward, loss, backward, SGD update) of the lesson's spiral network, 2-16-1,
/// ReLU/sigmoid, mean BCE, 200 samples, float64: about 64 kFLOP. Manual is the hand-written implementation,
/// TorchRef the same model in TorchSharp (libtorch on one thread). Neither records anything.
/// </summary>
[MemoryDiagnoser]
public class SpiralStepBenchmarks
{
    private Sequential<double> _manual = null!;
    private Matrix<double> _inputs = null!, _targets = null!;
    private readonly BinaryCrossEntropy<double> _loss = new();
    private readonly Sgd<double> _sgd = new(0.5);

    private TorchSequentialModel _torch = null!;
    private Tensor _torchInputs = null!, _torchTargets = null!;
    private optim.Optimizer _torchSgd = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = SpiralLesson.Create(DType.Float64);
        _manual = new Sequential<double>(new Linear<double>("fc1", 2, 16), new ReLU<double>("relu1"), new Linear<double>("fc2", 16, 1), new Sigmoid<double>("sigmoid2"));
        foreach (var parameter in _manual.Parameters) parameter.Load(scenario.InitialParameters.Single(p => p.Name == parameter.Name).Values);
        _inputs = Matrix<double>.FromDoubles(200, 2, scenario.Inputs.Values);
        _targets = Matrix<double>.FromDoubles(200, 1, scenario.Targets.Values);

        TorchRuntime.EnsureLoaded();
        _torch = new TorchSequentialModel(ScalarType.Float64).AddLinear("fc1", 2, 16).AddReLU("relu1").AddLinear("fc2", 16, 1).AddSigmoid("sigmoid2");
        foreach (var p in scenario.InitialParameters) _torch.LoadParameter(p.Name, p.Shape.Select(s => (long)s).ToArray(), p.Values);
        _torchInputs = tensor(scenario.Inputs.Values, [200, 2], dtype: ScalarType.Float64);
        _torchTargets = tensor(scenario.Targets.Values, [200, 1], dtype: ScalarType.Float64);
        _torchSgd = optim.SGD(_torch.parameters(), 0.5);
    }

    [Benchmark(Baseline = true)]
    public double Manual()
    {
        _manual.ZeroGrad();
        double loss = _loss.Forward(_manual.Forward(_inputs), _targets);
        _manual.Backward(_loss.Backward());
        _sgd.Step(_manual.Parameters);
        return loss;
    }

    [Benchmark]
    public double TorchRef()
    {
        using var scope = NewDisposeScope();
        _torchSgd.zero_grad();
        var loss = TorchLosses.BinaryCrossEntropy(_torch.forward(_torchInputs), _torchTargets);
        loss.backward();
        _torchSgd.step();
        return loss.item<double>();
    }
}
