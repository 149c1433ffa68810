using System.Numerics;
using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Losses;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Audit;

/// <summary>
/// Runs every operation of one manual training step on its own, each fed the reference's inputs: layer i's forward
/// gets the reference's output of layer i − 1, its backward gets the reference's gradient at its output, the loss
/// gets the reference's prediction, the optimizer the reference's gradients. An error upstream then cannot blame
/// the layers below it, and two bugs in two layers both show. Network scenarios only.
/// </summary>
public static class LayerAudit
{
    public static IReadOnlyList<OperationCheck> Run(Scenario scenario, TraceStep reference, IReadOnlyList<NamedTensor> startParameters,
        IManualFactory? layerFactory = null) => scenario.Spec.DType switch
    {
        DType.Float32 => Run<float>(scenario, reference, startParameters, layerFactory ?? ManualFactory.Instance),
        _ => Run<double>(scenario, reference, startParameters, layerFactory ?? ManualFactory.Instance),
    };

    private static IReadOnlyList<OperationCheck> Run<T>(Scenario scenario, TraceStep reference, IReadOnlyList<NamedTensor> startParameters,
        IManualFactory layerFactory) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ScenarioSpec spec = scenario.Spec;
        var tolerance = spec.EffectiveTolerance;
        var layers = spec.Layers.Select(layerFactory.Create<T>).ToList();
        var start = startParameters.ToDictionary(p => p.Name);
        foreach (var parameter in layers.SelectMany(l => l.Parameters)) parameter.Load(start[parameter.Name].Values);
        var recorded = reference.Tensors.ToDictionary(t => t.Name, t => t.Tensor);
        var checks = new List<OperationCheck>();

        OperationCheck Check(Suspect operation, NamedTensor expected, double[] actual) =>
            new(operation, TensorComparer.Compare(reference.Step, Phase.Forward, expected, expected with { Values = actual }, tolerance, spec.DType,
                spec.NonFiniteExpected is not null));
        Matrix<T> ToMatrix(NamedTensor tensor) => Matrix<T>.FromDoubles(tensor.Shape[0], tensor.Values.Length / Math.Max(1, tensor.Shape[0]), tensor.Values);

        // Forward: each layer on the reference's input to it.
        for (int i = 0; i < layers.Count; i++)
        {
            var input = i == 0 ? scenario.Inputs : recorded[TraceTensor.Activation(spec.Layers[i - 1].Name)];
            var output = layers[i].Forward(ToMatrix(input));
            checks.Add(Check(Suspect.Forward(spec, i), recorded[TraceTensor.Activation(spec.Layers[i].Name)], output.ToDoubles()));
        }

        // Loss, forward and backward, on the reference's prediction.
        ILoss<T> loss = layerFactory.CreateLoss<T>(spec.Loss);
        string last = spec.Layers[^1].Name;
        T lossValue = loss.Forward(ToMatrix(recorded[TraceTensor.Activation(last)]), ToMatrix(scenario.Targets));
        checks.Add(Check(Suspect.LossForward, recorded[TraceTensor.LossName], [double.CreateChecked(lossValue)]));
        checks.Add(Check(Suspect.LossGradient, recorded[TraceTensor.ActivationGradient(last)], loss.Backward().ToDoubles()));

        // Backward: each layer on the reference's gradient at its output (its forward above kept the reference's input).
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            foreach (var parameter in layers[i].Parameters) parameter.ZeroGrad();
            var gradInput = layers[i].Backward(ToMatrix(recorded[TraceTensor.ActivationGradient(spec.Layers[i].Name)]));
            if (i > 0)
                checks.Add(Check(Suspect.InputGradient(spec, i), recorded[TraceTensor.ActivationGradient(spec.Layers[i - 1].Name)], gradInput.ToDoubles()));
            foreach (Parameter<T> parameter in layers[i].Parameters)
                checks.Add(Check(Suspect.ParameterGradient(spec, i, parameter.Name), recorded[TraceTensor.ParameterGradient(parameter.Name)], parameter.Grad.ToDoubles()));
        }

        // The update, from the reference's gradients.
        var optimizer = layerFactory.CreateOptimizer<T>(spec.Optimizer);
        foreach (Parameter<T> parameter in layers.SelectMany(l => l.Parameters))
        {
            parameter.Load(start[parameter.Name].Values);
            recorded[TraceTensor.ParameterGradient(parameter.Name)].Values.Select(T.CreateChecked).ToArray().CopyTo(parameter.Grad.Data, 0);
            optimizer.Step([parameter]);
            checks.Add(Check(Suspect.OptimizerStep(parameter.Name), recorded[TraceTensor.ParameterValue(parameter.Name)], parameter.Value.ToDoubles()));
        }
        return checks;
    }
}
