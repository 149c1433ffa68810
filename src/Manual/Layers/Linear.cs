using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Layers;

/// <summary>
/// y = x·Wᵀ + b, with W [out, in] and b [out] as in <c>torch.nn.Linear</c>.
/// </summary>
public sealed class Linear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _input;      // [batch, in], kept for the weight gradient
    private Matrix<T>? _output;     // [batch, out]
    private Matrix<T>? _gradInput;  // [batch, in]

    public Linear(string name, int inFeatures, int outFeatures)
    {
        Name = name;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter<T>($"{name}.weight", [outFeatures, inFeatures], new Matrix<T>(outFeatures, inFeatures));
        Bias = new Parameter<T>($"{name}.bias", [outFeatures], new Matrix<T>(1, outFeatures));
        Parameters = [Weight, Bias];
    }

    public string Name { get; }
    public string Kind => "linear";
    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Parameter<T> Weight { get; }     // [out, in]
    public Parameter<T> Bias { get; }       // [out], stored as [1, out]
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public Matrix<T> Forward(Matrix<T> input)
    {
        MatrixKernels.RequireShape(input, input.Rows, InFeatures, "input", Name);
        _input = input;
        _output = MatrixKernels.Reuse(_output, input.Rows, OutFeatures);
        MatrixKernels.MatMulTransposeB(input, Weight.Value, _output);   // x·Wᵀ
        MatrixKernels.AddRowToEachRow(_output, Bias.Value);             // + b
        return _output;
    }

    // dL/dx = g·W,   dL/dW += gᵀ·x,   dL/db += Σ_batch g      (g = gradOutput [batch, out])
    public Matrix<T> Backward(Matrix<T> gradOutput)
    {
        Matrix<T> input = _input ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        MatrixKernels.RequireShape(gradOutput, input.Rows, OutFeatures, "gradOutput", Name);
        _gradInput = MatrixKernels.Reuse(_gradInput, input.Rows, InFeatures);
        MatrixKernels.MatMul(gradOutput, Weight.Value, _gradInput);
        AddParameterGradients(gradOutput, input);
        return _gradInput;
    }

    // The same without dL/dx = g·W, a third of the backward's work for a wide first layer.
    public void BackwardToParameters(Matrix<T> gradOutput)
    {
        Matrix<T> input = _input ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        MatrixKernels.RequireShape(gradOutput, input.Rows, OutFeatures, "gradOutput", Name);
        AddParameterGradients(gradOutput, input);
    }

    private void AddParameterGradients(Matrix<T> gradOutput, Matrix<T> input)
    {
        MatrixKernels.AddMatMulTransposeA(gradOutput, input, Weight);   // dL/dW += gᵀ·x
        MatrixKernels.AddColumnSums(gradOutput, Bias);                  // dL/db += Σ_batch g
    }
}
