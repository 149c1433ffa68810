using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Losses;

/// <summary>
/// L = −(1/N) Σ [ y·log ŷ + (1 − y)·log(1 − ŷ) ], with ŷ a probability, as <c>torch.nn.BCELoss()</c>.
/// Like torch, each log is clamped at −100 so that ŷ = 0 or 1 gives a large finite loss, not infinity.
/// </summary>
public sealed class BinaryCrossEntropy<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T LogFloor = T.CreateChecked(-100);
    private static readonly T Epsilon = T.CreateChecked(1e-12);

    private Matrix<T>? _prediction;   // [batch, out], probabilities
    private Matrix<T>? _target;       // [batch, out], 0 or 1
    private Matrix<T>? _gradInput;    // [batch, out]

    public string Name => "bce";

    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        MatrixKernels.RequireShape(target, prediction.Rows, prediction.Cols, "target of bce");
        _prediction = prediction;
        _target = target;
        T sum = MatrixKernels.Sum(prediction, target, new LogLikelihood());   // Σ [ y·log ŷ + (1 − y)·log(1 − ŷ) ]
        return -sum / T.CreateChecked(prediction.Length);
    }

    // dL/dŷ = (ŷ − y) / (ŷ(1 − ŷ)) / N
    // torch's binary_cross_entropy_backward guards the denominator with max(ŷ(1 − ŷ), 1e-12).
    public Matrix<T> Backward()
    {
        Matrix<T> prediction = _prediction ?? throw new InvalidOperationException("bce: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, prediction.Rows, prediction.Cols);
        T count = T.CreateChecked(prediction.Length);
        MatrixKernels.Zip(prediction, _target!, _gradInput, new Gradient(count));
        return _gradInput;
    }

    // y·log ŷ + (1 − y)·log(1 − ŷ), each log clamped at −100 as torch clamps it.
    private readonly struct LogLikelihood : IBinaryFunction<T>
    {
        public T Apply(T p, T y) => y * T.Max(T.Log(p), LogFloor) + (T.One - y) * T.Max(T.Log(T.One - p), LogFloor);
        public Vector<T> Apply(Vector<T> p, Vector<T> y) =>
            y * Vector.Max(VectorMath.Log(p), new Vector<T>(LogFloor)) + (Vector<T>.One - y) * Vector.Max(VectorMath.Log(Vector<T>.One - p), new Vector<T>(LogFloor));
    }

    private readonly struct Gradient(T count) : IBinaryFunction<T>
    {
        public T Apply(T p, T y) => (p - y) / T.Max((T.One - p) * p, Epsilon) / count;
        public Vector<T> Apply(Vector<T> p, Vector<T> y) =>
            (p - y) / Vector.Max((Vector<T>.One - p) * p, new Vector<T>(Epsilon)) / new Vector<T>(count);
    }
}
