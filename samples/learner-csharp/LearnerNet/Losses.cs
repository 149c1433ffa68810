using System.Numerics;

namespace LearnerNet;

/// <summary>A loss averaged over its elements: forward gives the number, backward dL/d(prediction).</summary>
public interface ILoss<T> where T : IFloatingPointIeee754<T>
{
    T Forward(T[] prediction, T[] target, int batch);
    T[] Backward();
}

/// <summary>(scale)·mean((p − y)²): scale 1 is PyTorch's MSELoss, ½ the lessons' "½ squared error".  dL/dp = 2·scale·(p − y)/n.</summary>
public sealed class SquaredError<T>(T scale) : ILoss<T> where T : IFloatingPointIeee754<T>
{
    private T[] _p = [], _y = [];

    public T Forward(T[] prediction, T[] target, int batch)
    {
        (_p, _y) = (prediction, target);
        T sum = T.Zero;
        for (int k = 0; k < _p.Length; k++) sum += (_p[k] - _y[k]) * (_p[k] - _y[k]);
        return scale * sum / T.CreateChecked(_p.Length);
    }

    public T[] Backward()
    {
        T n = T.CreateChecked(_p.Length), two = T.CreateChecked(2);
        return _p.Select((p, k) => two * scale * (p - _y[k]) / n).ToArray();
    }
}

/// <summary>−mean(y·log p + (1 − y)·log(1 − p)), each log floored at −100 as PyTorch does.  dL/dp = (p − y) / max(p(1 − p), 1e-12) / n.</summary>
public sealed class BinaryCrossEntropy<T> : ILoss<T> where T : IFloatingPointIeee754<T>
{
    private T[] _p = [], _y = [];

    public T Forward(T[] prediction, T[] target, int batch)
    {
        (_p, _y) = (prediction, target);
        T floor = T.CreateChecked(-100), sum = T.Zero;
        for (int k = 0; k < _p.Length; k++)
            sum -= _y[k] * T.Max(T.Log(_p[k]), floor) + (T.One - _y[k]) * T.Max(T.Log(T.One - _p[k]), floor);
        return sum / T.CreateChecked(_p.Length);
    }

    public T[] Backward()
    {
        T n = T.CreateChecked(_p.Length), epsilon = T.CreateChecked(1e-12);
        return _p.Select((p, k) => (p - _y[k]) / T.Max((T.One - p) * p, epsilon) / n).ToArray();
    }
}

/// <summary>mean over the batch of −log softmax(z)[class]; targets are class indices.  dL/dz = (softmax(z) − onehot) / batch.</summary>
public sealed class SoftmaxCrossEntropy<T> : ILoss<T> where T : IFloatingPointIeee754<T>
{
    private T[] _softmax = [];
    private int[] _classes = [];
    private int _batch;

    public T Forward(T[] logits, T[] target, int batch)
    {
        _batch = batch;
        int width = logits.Length / batch;
        _softmax = new T[logits.Length];
        _classes = target.Select(int.CreateChecked).ToArray();
        T loss = T.Zero;
        for (int n = 0; n < batch; n++)
        {
            T max = T.NegativeInfinity;
            for (int c = 0; c < width; c++) max = T.Max(max, logits[n * width + c]);
            T sum = T.Zero;
            for (int c = 0; c < width; c++) sum += T.Exp(logits[n * width + c] - max);
            for (int c = 0; c < width; c++) _softmax[n * width + c] = T.Exp(logits[n * width + c] - max) / sum;
            loss += T.Log(sum) + max - logits[n * width + _classes[n]];
        }
        return loss / T.CreateChecked(batch);
    }

    public T[] Backward()
    {
        int width = _softmax.Length / _batch;
        var grad = new T[_softmax.Length];
        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < width; c++)
                grad[n * width + c] = (_softmax[n * width + c] - (c == _classes[n] ? T.One : T.Zero)) / T.CreateChecked(_batch);
        return grad;
    }
}
