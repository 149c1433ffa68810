using System.Numerics;
using System.Runtime.InteropServices;

namespace BackpropParity.Manual.Tensors;

/// <summary>
/// A dense, row-major matrix of shape [Rows, Cols]: element (r, c) lives at <c>Data[r * Cols + c]</c>.
/// A batch of vectors is a matrix with one row per sample, as in PyTorch.
/// </summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Rows { get; }
    public int Cols { get; }
    public T[] Data { get; }

    public Matrix(int rows, int cols)
        : this(rows, cols, new T[checked(rows * cols)])
    {
    }

    public Matrix(int rows, int cols, T[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (data.Length != rows * cols)
            throw new ArgumentException($"A [{rows}, {cols}] matrix needs {rows * cols} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    /// <summary>Rounds each value to T (round to nearest, as torch's <c>.to(dtype)</c>).</summary>
    public static Matrix<T> FromDoubles(int rows, int cols, ReadOnlySpan<double> values)
    {
        var matrix = new Matrix<T>(rows, cols, new T[values.Length]);
        for (int i = 0; i < values.Length; i++) matrix.Data[i] = T.CreateChecked(values[i]);
        return matrix;
    }

    public int Length => Data.Length;

    public T this[int row, int col]
    {
        get => Data[row * Cols + col];
        set => Data[row * Cols + col] = value;
    }

    public Span<T> Row(int row) => Data.AsSpan(row * Cols, Cols);

    public bool HasShape(int rows, int cols) => Rows == rows && Cols == cols;

    /// <summary>Exact widening to double (every float is a double), for traces and reports.</summary>
    public double[] ToDoubles()
    {
        var values = GC.AllocateUninitializedArray<double>(Data.Length);
        if (typeof(T) == typeof(double))
        {
            MemoryMarshal.Cast<T, double>(Data).CopyTo(values);
        }
        else if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> source = MemoryMarshal.Cast<T, float>(Data);
            int i = 0;
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(source[i..]), out Vector<double> low, out Vector<double> high);
                low.CopyTo(values, i);
                high.CopyTo(values, i + Vector<double>.Count);
            }
            for (; i < source.Length; i++) values[i] = source[i];
        }
        else
        {
            for (int i = 0; i < Data.Length; i++) values[i] = double.CreateChecked(Data[i]);
        }
        return values;
    }

    public Matrix<T> Clone() => new(Rows, Cols, (T[])Data.Clone());

    public void Clear() => Array.Clear(Data);

    public override string ToString() => $"Matrix<{typeof(T).Name}>[{Rows}, {Cols}]";
}
