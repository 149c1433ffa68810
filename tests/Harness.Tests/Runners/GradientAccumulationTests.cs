using System.Numerics;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual.Models;
using BackpropParity.Manual.Tensors;
using BackpropParity.TorchRef;
using TorchSharp;
using static TorchSharp.torch;

namespace BackpropParity.Harness.Tests.Runners;

/// <summary>
/// Gradients add up until they are zeroed: two backward passes without <c>zero_grad</c> between them leave
/// dL₁/dθ + dL₂/dθ in every parameter's gradient. A training step always zeroes first, so the parity scenarios never
/// take the manual side's "add to the gradient" path; this runs it against libtorch's autograd, which accumulates
/// into <c>.grad</c> by definition. Each network scenario's batch is split into two unequal halves (rows [0, n/2)
/// and [n/2, n)), each half goes forward and backward once, and the summed gradients must agree within the
/// scenario's tolerance.
/// </summary>
public sealed class GradientAccumulationTests
{
    private static IEnumerable<TestCaseData> NetworkScenarios() =>
        ScenarioCatalog.Scenarios
            .Where(s => !s.Spec.IsExpression && s.Inputs.Shape[0] >= 2)
            .Select(s => new TestCaseData(s).SetName($"Accumulate_{s.Id}_TwoBackwardPassesSumTheirGradients"));

    [TestCaseSource(nameof(NetworkScenarios))]
    public void TwoBackwardPasses_WithoutZeroGrad_AddTheirGradients(Scenario scenario)
    {
        int batch = scenario.Inputs.Shape[0];
        (int Start, int Count)[] halves = [(0, batch / 2), (batch / 2, batch - batch / 2)];

        var expected = TorchAccumulated(scenario, halves);
        var actual = scenario.Spec.DType == DType.Float32 ? ManualAccumulated<float>(scenario, halves) : ManualAccumulated<double>(scenario, halves);
        var lastHalfOnly = scenario.Spec.DType == DType.Float32 ? ManualAccumulated<float>(scenario, halves[1..]) : ManualAccumulated<double>(scenario, halves[1..]);

        Assert.That(actual.Select(t => t.Name), Is.EqualTo(expected.Select(t => t.Name)));
        foreach (var (torchGradient, manualGradient) in expected.Zip(actual))
        {
            TensorComparison comparison = TensorComparer.Compare(0, Phase.Gradient, torchGradient, manualGradient,
                scenario.Spec.EffectiveTolerance, scenario.Spec.DType, scenario.Spec.NonFiniteExpected is not null);
            Assert.That(comparison.Passed, Is.True, $"{scenario.Id} {torchGradient.Name}: {comparison.Problem ?? $"{comparison.MismatchedCount} of {comparison.ElementCount} elements differ, worst {comparison.Distance!.Absolute.Value:G3} at {comparison.Distance.Absolute.Index}"}");
        }
        // The test means something only if the first pass's share is not zero: the last pass alone must differ.
        Assert.That(actual.Zip(lastHalfOnly).Any(pair => !pair.First.Values.SequenceEqual(pair.Second.Values)), Is.True,
            $"{scenario.Id}: the first half's gradient is zero, so accumulation is not tested");
    }

    private static List<NamedTensor> ManualAccumulated<T>(Scenario scenario, (int Start, int Count)[] parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IManualFactory factory = ManualFactory.Instance;
        var model = new Sequential<T>(scenario.Spec.Layers.Select(factory.Create<T>).ToArray());
        foreach (var parameter in model.Parameters)
            parameter.Load(scenario.InitialParameters.Single(p => p.Name == parameter.Name).Values);
        var loss = factory.CreateLoss<T>(scenario.Spec.Loss);
        model.ZeroGrad();
        foreach (var (start, count) in parts)
        {
            loss.Forward(model.Forward(Rows<T>(scenario.Inputs, start, count)), Rows<T>(scenario.Targets, start, count));
            model.Backward(loss.Backward());
        }
        return model.Parameters.Select(p => new NamedTensor(p.Name, p.Shape, p.Grad.ToDoubles())).ToList();
    }

    private static List<NamedTensor> TorchAccumulated(Scenario scenario, (int Start, int Count)[] parts)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        ScalarType dtype = scenario.Spec.DType == DType.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        using TorchSequentialModel model = TorchSession.BuildModel(scenario.Spec, dtype);
        foreach (var parameter in scenario.InitialParameters)
            model.LoadParameter(parameter.Name, parameter.Shape.Select(s => (long)s).ToArray(), parameter.Values);
        var (loss, _) = TorchSession.Loss(scenario.Spec.Loss);
        foreach (var (start, count) in parts)
            loss(model.forward(RowsTensor(scenario.Inputs, start, count, dtype)), RowsTensor(scenario.Targets, start, count, dtype)).backward();
        var gradients = model.named_parameters()
            .Select(p => new NamedTensor(p.name, p.parameter.shape.Select(s => (int)s).ToArray(), p.parameter.grad!.to_type(ScalarType.Float64).data<double>().ToArray()))
            .ToList();
        return gradients;
    }

    private static Matrix<T> Rows<T>(NamedTensor tensor, int start, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int columns = tensor.Shape[1];
        return Matrix<T>.FromDoubles(count, columns, tensor.Values.AsSpan(start * columns, count * columns).ToArray());
    }

    private static Tensor RowsTensor(NamedTensor tensor, int start, int count, ScalarType dtype)
    {
        int columns = tensor.Shape[1];
        return TorchSession.ToTensor(new NamedTensor(tensor.Name, [count, columns], tensor.Values.AsSpan(start * columns, count * columns).ToArray()), dtype);
    }
}
