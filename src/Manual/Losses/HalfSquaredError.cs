using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Losses;

/// <summary>
/// L = (1/N) Σ ½(ŷ − y)², the lessons' loss: the ½ cancels the 2 of the derivative.
/// In PyTorch: <c>0.5 * (ŷ - y).pow(2).mean()</c>.
/// </summary>
public sealed class HalfSquaredError<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _prediction;   // [batch, out]
    private Matrix<T>? _target;       // [batch, out]
    private Matrix<T>? _gradInput;    // [batch, out]

    public string Name => "half_squared_error";

    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        MatrixKernels.RequireShape(target, prediction.Rows, prediction.Cols, "target of half squared error");
        _prediction = prediction;
        _target = target;
        T sum = T.Zero;
        for (int i = 0; i < prediction.Length; i++)
        {
            T difference = prediction.Data[i] - target.Data[i];
            sum += difference * difference;
        }
        T half = T.One / T.CreateChecked(2);
        return half * (sum / T.CreateChecked(prediction.Length));
    }

    // dL/dŷ = (ŷ − y) / N
    public Matrix<T> Backward()
    {
        Matrix<T> prediction = _prediction ?? throw new InvalidOperationException("half squared error: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, prediction.Rows, prediction.Cols);
        T count = T.CreateChecked(prediction.Length);
        MatrixKernels.Zip(prediction, _target!, _gradInput, new Gradient(count));
        return _gradInput;
    }

    private readonly struct Gradient(T count) : IBinaryFunction<T>
    {
        public T Apply(T p, T y) => (p - y) / count;
        public Vector<T> Apply(Vector<T> p, Vector<T> y) => (p - y) / new Vector<T>(count);
    }
}
