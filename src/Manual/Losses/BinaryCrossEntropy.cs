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
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // The same sum, a register at a time: each lane keeps its own partial sum, added up at the end.
            // With labels of exactly 0 or 1 (the usual case) one log per element is enough, and gives the same bits:
            // for y = 1 the term is 1·log ŷ + 0·log(1 − ŷ) = log ŷ (the clamped log is finite, so 0·it is a zero),
            // for y = 0 it is log(1 − ŷ). Registers holding a soft label take both logs.
            Vector<T> sums = Vector<T>.Zero, floor = new(LogFloor);
            for (; i <= prediction.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> p = Vector.LoadUnsafe(ref prediction.Data[0], (nuint)i), y = Vector.LoadUnsafe(ref target.Data[0], (nuint)i);
                Vector<T> isOne = Vector.Equals(y, Vector<T>.One), isHard = isOne | Vector.Equals(y, Vector<T>.Zero);
                if (Vector.EqualsAll(Vector.AsVectorByte(isHard), Vector<byte>.AllBitsSet))   // masks compared as bits: all-ones is a NaN
                {
                    sums += Vector.Max(VectorMath.Log(Vector.ConditionalSelect(isOne, p, Vector<T>.One - p)), floor);
                    continue;
                }
                Vector<T> logP = Vector.Max(VectorMath.Log(p), floor);
                Vector<T> logOneMinusP = Vector.Max(VectorMath.Log(Vector<T>.One - p), floor);
                sums += y * logP + (Vector<T>.One - y) * logOneMinusP;
            }
            sum = Vector.Sum(sums);
        }
        for (; i < prediction.Length; i++)
        {
            T p = prediction.Data[i], y = target.Data[i];
            T logP = T.Max(T.Log(p), LogFloor);
            T logOneMinusP = T.Max(T.Log(T.One - p), LogFloor);
            sum += y * logP + (T.One - y) * logOneMinusP;
        }
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

    private readonly struct Gradient(T count) : IBinaryFunction<T>
    {
        public T Apply(T p, T y) => (p - y) / T.Max((T.One - p) * p, Epsilon) / count;
        public Vector<T> Apply(Vector<T> p, Vector<T> y) =>
            (p - y) / Vector.Max((Vector<T>.One - p) * p, new Vector<T>(Epsilon)) / new Vector<T>(count);
    }
}
