using System.Numerics;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Models;

/// <summary>
/// Layers applied one after another. Forward remembers every layer's output; Backward walks the layers in
/// reverse and remembers the gradient with respect to every layer's output, so a comparison can say in
/// which layer two implementations part ways.
/// </summary>
public sealed class Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>?[] _layerOutputs;                // per layer, [batch, out of that layer]
    private readonly Matrix<T>?[] _gradientsAtLayerOutputs;     // per layer, dL/d(output), same shapes

    public Sequential(params ILayer<T>[] layers)
    {
        var duplicate = layers.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two layers are named '{duplicate.Key}'; names must be unique.");
        Layers = layers;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
        _layerOutputs = new Matrix<T>?[layers.Length];
        _gradientsAtLayerOutputs = new Matrix<T>?[layers.Length];
    }

    public IReadOnlyList<ILayer<T>> Layers { get; }

    /// <summary>Every parameter in layer order, weight before bias (PyTorch's <c>named_parameters()</c> order).</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The output of layer i in the last forward pass.</summary>
    public Matrix<T> LayerOutput(int i) => _layerOutputs[i] ?? throw new InvalidOperationException("Forward has not run yet.");

    /// <summary>dL/d(output of layer i) in the last backward pass.</summary>
    public Matrix<T> GradientAtLayerOutput(int i) => _gradientsAtLayerOutputs[i] ?? throw new InvalidOperationException("Backward has not run yet.");

    public Matrix<T> Forward(Matrix<T> input)
    {
        Matrix<T> activation = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            activation = Layers[i].Forward(activation);
            _layerOutputs[i] = activation;
        }
        return activation;
    }

    /// <summary>
    /// Backpropagates dL/d(model output) into every parameter's gradient. The model's input is data, so its gradient
    /// is not computed (the first layer runs <see cref="ILayer{T}.BackwardToParameters"/>), as in torch.
    /// </summary>
    public void Backward(Matrix<T> gradOutput)
    {
        Matrix<T> gradient = gradOutput;
        for (int i = Layers.Count - 1; i >= 1; i--)
        {
            _gradientsAtLayerOutputs[i] = gradient;
            gradient = Layers[i].Backward(gradient);
        }
        _gradientsAtLayerOutputs[0] = gradient;
        Layers[0].BackwardToParameters(gradient);
    }

    public void ZeroGrad()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGrad();
    }
}
