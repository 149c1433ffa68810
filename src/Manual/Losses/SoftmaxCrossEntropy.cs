using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Losses;

/// <summary>
/// Softmax cross-entropy on raw scores (logits) with integer class targets, mean over the batch, as
/// <c>torch.nn.CrossEntropyLoss()</c>: L = −(1/N) Σ_b log softmax(z_b)[y_b]. The target matrix is [batch, 1] and
/// holds each sample's class index.
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _probabilities;   // [batch, classes], softmax of the logits
    private Matrix<T>? _target;          // [batch, 1], class indices
    private Matrix<T>? _gradInput;       // [batch, classes]

    public string Name => "cross_entropy";

    // log softmax(z)[c] = z[c] − max(z) − log Σ_k exp(z[k] − max(z)): shifting by the max keeps exp from overflowing.
    public T Forward(Matrix<T> prediction, Matrix<T> target)
    {
        MatrixKernels.RequireShape(target, prediction.Rows, 1, "target of cross-entropy (class indices)");
        _target = target;
        _probabilities = MatrixKernels.Reuse(_probabilities, prediction.Rows, prediction.Cols);
        T sum = T.Zero;
        for (int b = 0; b < prediction.Rows; b++)
        {
            ReadOnlySpan<T> z = prediction.Row(b);
            Span<T> p = _probabilities.Row(b);
            T max = z[0];
            for (int k = 1; k < z.Length; k++) max = T.Max(max, z[k]);
            T total = T.Zero;
            for (int k = 0; k < z.Length; k++) total += T.Exp(z[k] - max);
            for (int k = 0; k < z.Length; k++) p[k] = T.Exp(z[k] - max) / total;
            int label = ClassOf(target[b, 0], z.Length);
            sum += z[label] - max - T.Log(total);
        }
        return -sum / T.CreateChecked(prediction.Rows);
    }

    // dL/dz = (softmax(z) − onehot(y)) / N   (the softmax's Jacobian and the log's 1/p cancel)
    public Matrix<T> Backward()
    {
        Matrix<T> probabilities = _probabilities ?? throw new InvalidOperationException("cross-entropy: Backward called before Forward.");
        _gradInput = MatrixKernels.Reuse(_gradInput, probabilities.Rows, probabilities.Cols);
        T count = T.CreateChecked(probabilities.Rows);
        for (int b = 0; b < probabilities.Rows; b++)
        {
            int label = ClassOf(_target![b, 0], probabilities.Cols);
            for (int k = 0; k < probabilities.Cols; k++)
                _gradInput[b, k] = (probabilities[b, k] - (k == label ? T.One : T.Zero)) / count;
        }
        return _gradInput;
    }

    private static int ClassOf(T value, int classes)
    {
        int label = int.CreateChecked(value);
        if (label < 0 || label >= classes || T.CreateChecked(label) != value)
            throw new ArgumentException($"Cross-entropy target {value} is not a class index in [0, {classes}).");
        return label;
    }
}
