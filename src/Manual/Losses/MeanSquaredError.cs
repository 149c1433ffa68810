using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Losses;

/// <summary>L = (1/N) Σ (ŷ − y)², as <c>torch.nn.MSELoss()</c>.</summary>
public sealed class MeanSquaredError<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _prediction;   // [batch, out]
    private Matrix<T>? _target;       // [batch, out]
    private Matrix<T>? _gradInput;    // [batch, out]

    public string Name => "mse";

    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        MatrixKernels.RequireShape(target, prediction.Rows, prediction.Cols, "target of mse");
        _prediction = prediction;
        _target = target;
        T sum = T.Zero;
        for (int i = 0; i < prediction.Length; i++)
        {
            T difference = prediction.Data[i] - target.Data[i];
            sum += difference * difference;
        }
        return sum / T.CreateChecked(prediction.Length);
    }

    // dL/dŷ = 2(ŷ − y) / N      (torch's mse_loss_backward: 2/N * (ŷ − y))
    public Matrix<T> Backward()
    {
        Matrix<T> prediction = _prediction ?? throw new InvalidOperationException("mse: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, prediction.Rows, prediction.Cols);
        T norm = T.CreateChecked(2) / T.CreateChecked(prediction.Length);
        MatrixKernels.Zip(prediction, _target!, _gradInput, new Gradient(norm));
        return _gradInput;
    }

    private readonly struct Gradient(T norm) : IBinaryFunction<T>
    {
        public T Apply(T p, T y) => norm * (p - y);
        public Vector<T> Apply(Vector<T> p, Vector<T> y) => new Vector<T>(norm) * (p - y);
    }
}
