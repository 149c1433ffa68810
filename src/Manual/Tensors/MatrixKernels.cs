using System.Numerics;
using BackpropParity.Manual.Tensors.Kernels;

namespace BackpropParity.Manual.Tensors;

/// <summary>
/// Every numeric loop of the manual implementation lives here, so that layers read like the lessons and
/// the kernels can be made fast in one place. Shapes are checked on every call: a wrong shape is a bug in
/// the caller and must fail loudly, not read past a row.
/// </summary>
public static class MatrixKernels
{
    /// <summary>result = a · b, with a [m, k], b [k, n], result [m, n].</summary>
    public static void MatMul<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(b, a.Cols, b.Cols, "b of a·b");
        RequireShape(result, a.Rows, b.Cols, "result of a·b");
        Gemm.Multiply(MatrixView<T>.Of(a), MatrixView<T>.Of(b), result.Data, 0, result.Cols, accumulate: false);
    }

    /// <summary>result = a · bᵀ, with a [m, k], b [n, k], result [m, n]: each entry is a row-by-row dot product.</summary>
    public static void MatMulTransposeB<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(b, b.Rows, a.Cols, "b of a·bᵀ");
        RequireShape(result, a.Rows, b.Rows, "result of a·bᵀ");
        Gemm.Multiply(MatrixView<T>.Of(a), MatrixView<T>.Of(b).Transposed, result.Data, 0, result.Cols, accumulate: false);
    }

    /// <summary>result += aᵀ · b, with a [k, m], b [k, n], result [m, n]; accumulates, like a parameter gradient.</summary>
    public static void AddMatMulTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMulTransposeA(a, b, result, accumulate: true);

    /// <summary>result = aᵀ · b, with a [k, m], b [k, n], result [m, n].</summary>
    public static void MatMulTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMulTransposeA(a, b, result, accumulate: false);

    /// <summary>
    /// parameter.Grad += aᵀ · b. Right after <see cref="Parameter{T}.ZeroGrad"/> the gradient's memory is stale and its
    /// value zero (as with torch's <c>zero_grad(set_to_none=True)</c>), so the product is written instead of added to
    /// zeros: the same value, without clearing the gradient and reading it back.
    /// </summary>
    public static void AddMatMulTransposeA<T>(Matrix<T> a, Matrix<T> b, Parameter<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix<T> gradient = parameter.GradForBackward(out bool isZero);
        MatMulTransposeA(a, b, gradient, accumulate: !isZero);
    }

    private static void MatMulTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(b, a.Rows, b.Cols, "b of aᵀ·b");
        RequireShape(result, a.Cols, b.Cols, "result of aᵀ·b");
        Gemm.Multiply(MatrixView<T>.Of(a).Transposed, MatrixView<T>.Of(b), result.Data, 0, result.Cols, accumulate);
    }

    /// <summary>matrix[i, :] += row[0, :] for every row i (a bias broadcast over the batch).</summary>
    public static void AddRowToEachRow<T>(Matrix<T> matrix, Matrix<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(row, 1, matrix.Cols, "broadcast row");
        if (matrix.Length == 0) return;
        ColumnStrips.AddRowToEachRow(matrix, row);
    }

    /// <summary>result[0, :] += Σ_i a[i, :] (a sum over the batch, accumulated).</summary>
    public static void AddColumnSums<T>(Matrix<T> a, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        ColumnSums(a, result, accumulate: true);

    /// <summary>parameter.Grad[0, :] += Σ_i a[i, :], written instead of added right after zero_grad (see the product above).</summary>
    public static void AddColumnSums<T>(Matrix<T> a, Parameter<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix<T> gradient = parameter.GradForBackward(out bool isZero);
        ColumnSums(a, gradient, accumulate: !isZero);
    }

    /// <summary>result[0, :] = Σ_i a[i, :] (a sum over the batch).</summary>
    public static void ColumnSums<T>(Matrix<T> a, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T> =>
        ColumnSums(a, result, accumulate: false);

    private static void ColumnSums<T>(Matrix<T> a, Matrix<T> result, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(result, 1, a.Cols, "column sums");
        if (!accumulate) result.Clear();   // one row: clearing it costs nothing next to the sums
        if (a.Length == 0) return;
        ColumnStrips.AddColumnSums(a, result);
    }

    /// <summary>output[i] = f(input[i]) element-wise.</summary>
    public static void Map<T, TFunction>(Matrix<T> input, Matrix<T> output, TFunction f)
        where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IUnaryFunction<T>
    {
        RequireShape(output, input.Rows, input.Cols, "map output");
        ElementRanges.Run(input.Length, new MapRange<T, TFunction>(input.Data, output.Data, f));
    }

    /// <summary>output[i] = f(a[i], b[i]) element-wise.</summary>
    public static void Zip<T, TFunction>(Matrix<T> a, Matrix<T> b, Matrix<T> output, TFunction f)
        where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IBinaryFunction<T>
    {
        RequireShape(b, a.Rows, a.Cols, "second zip operand");
        RequireShape(output, a.Rows, a.Cols, "zip output");
        ElementRanges.Run(a.Length, new ZipRange<T, TFunction>(a.Data, b.Data, output.Data, f));
    }

    /// <summary>output[i] = f(a[i], b[i]) for any function: for tests and one-off tools, not for a training step.</summary>
    public static void Zip<T>(Matrix<T> a, Matrix<T> b, Matrix<T> output, Func<T, T, T> f) where T : unmanaged, IFloatingPointIeee754<T> =>
        Zip(a, b, output, new Delegated<T>(f));

    private readonly struct Delegated<T>(Func<T, T, T> f) : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x, T y) => f(x, y);
        public Vector<T> Apply(Vector<T> x, Vector<T> y) => Lanes.Apply(x, y, this);
    }

    /// <summary>
    /// Σ_i f(a[i], b[i]) over every element. A register at a time, each lane keeping its own partial sum, added up at
    /// the end, then the elements left over in order: the same order on every run, whatever the thread count.
    /// </summary>
    public static T Sum<T, TFunction>(Matrix<T> a, Matrix<T> b, TFunction f)
        where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IBinaryFunction<T>
    {
        RequireShape(b, a.Rows, a.Cols, "second operand of the sum");
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> sums = Vector<T>.Zero;
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
                sums += f.Apply(Vector.LoadUnsafe(ref a.Data[0], (nuint)i), Vector.LoadUnsafe(ref b.Data[0], (nuint)i));
            sum = Vector.Sum(sums);
        }
        for (; i < a.Length; i++) sum += f.Apply(a.Data[i], b.Data[i]);
        return sum;
    }

    /// <summary>y[i] -= alpha · x[i] element-wise (a gradient-descent step).</summary>
    public static void SubtractScaled<T>(Matrix<T> y, T alpha, Matrix<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(x, y.Rows, y.Cols, "step direction");
        ElementRanges.Run(y.Length, new SubtractScaledRange<T>(y.Data, alpha, x.Data));
    }

    /// <summary>Returns <paramref name="buffer"/> when it already has the shape, else a new zeroed matrix.</summary>
    public static Matrix<T> Reuse<T>(Matrix<T>? buffer, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> =>
        buffer is not null && buffer.HasShape(rows, cols) ? buffer : new Matrix<T>(rows, cols);

    /// <summary>Fails, naming <paramref name="what"/> (and its <paramref name="owner"/>), unless the matrix is [rows, cols].</summary>
    public static void RequireShape<T>(Matrix<T> matrix, int rows, int cols, string what, string? owner = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!matrix.HasShape(rows, cols))
            throw new ArgumentException($"Shape mismatch for {what}{(owner is null ? "" : " of " + owner)}: expected [{rows}, {cols}], got [{matrix.Rows}, {matrix.Cols}].");
    }
}
