using System.Numerics;
using System.Runtime.CompilerServices;
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
    public static void AddMatMulTransposeA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(b, a.Rows, b.Cols, "b of aᵀ·b");
        RequireShape(result, a.Cols, b.Cols, "result of aᵀ·b");
        Gemm.Multiply(MatrixView<T>.Of(a).Transposed, MatrixView<T>.Of(b), result.Data, 0, result.Cols, accumulate: true);
    }

    /// <summary>matrix[i, :] += row[0, :] for every row i (a bias broadcast over the batch).</summary>
    public static void AddRowToEachRow<T>(Matrix<T> matrix, Matrix<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(row, 1, matrix.Cols, "broadcast row");
        if (matrix.Length == 0) return;
        // The row stays in registers while the matrix's rows go by: four registers of columns at a time, then one,
        // then single columns.
        int cols = matrix.Cols, width = Vector.IsHardwareAccelerated ? Vector<T>.Count : cols + 1, j = 0;
        for (; j + 4 * width <= cols; j += 4 * width) AddFourRegisters(matrix, row, j);
        for (; j + width <= cols; j += width) AddOneRegister(matrix, row, j);
        for (; j < cols; j++) AddOneColumn(matrix, row, j);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddFourRegisters<T>(Matrix<T> matrix, Matrix<T> row, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint width = Vector<T>.Count, cols = matrix.Cols;
        ref T values = ref row.Data[column];
        ref T target = ref matrix.Data[column];
        Vector<T> v0 = Vector.LoadUnsafe(ref values), v1 = Vector.LoadUnsafe(ref Unsafe.Add(ref values, width));
        Vector<T> v2 = Vector.LoadUnsafe(ref Unsafe.Add(ref values, 2 * width)), v3 = Vector.LoadUnsafe(ref Unsafe.Add(ref values, 3 * width));
        for (int i = 0; i < matrix.Rows; i++, target = ref Unsafe.Add(ref target, cols))
        {
            (Vector.LoadUnsafe(ref target) + v0).StoreUnsafe(ref target);
            (Vector.LoadUnsafe(ref Unsafe.Add(ref target, width)) + v1).StoreUnsafe(ref Unsafe.Add(ref target, width));
            (Vector.LoadUnsafe(ref Unsafe.Add(ref target, 2 * width)) + v2).StoreUnsafe(ref Unsafe.Add(ref target, 2 * width));
            (Vector.LoadUnsafe(ref Unsafe.Add(ref target, 3 * width)) + v3).StoreUnsafe(ref Unsafe.Add(ref target, 3 * width));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOneRegister<T>(Matrix<T> matrix, Matrix<T> row, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint cols = matrix.Cols;
        ref T target = ref matrix.Data[column];
        Vector<T> values = Vector.LoadUnsafe(ref row.Data[column]);
        for (int i = 0; i < matrix.Rows; i++, target = ref Unsafe.Add(ref target, cols)) (Vector.LoadUnsafe(ref target) + values).StoreUnsafe(ref target);
    }

    private static void AddOneColumn<T>(Matrix<T> matrix, Matrix<T> row, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint cols = matrix.Cols;
        ref T target = ref matrix.Data[column];
        T value = row.Data[column];
        for (int i = 0; i < matrix.Rows; i++, target = ref Unsafe.Add(ref target, cols)) target += value;
    }

    /// <summary>result[0, :] += Σ_i a[i, :] (a sum over the batch, accumulated).</summary>
    public static void AddColumnSums<T>(Matrix<T> a, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireShape(result, 1, a.Cols, "column sums");
        if (a.Length == 0) return;
        // Each column's running sum stays in a register while the rows go by in batch order: four registers of
        // columns at a time (four independent chains of additions), then one, then single columns. Adding each row
        // into sums kept in memory instead waits on a store and a load per row.
        int cols = a.Cols, width = Vector.IsHardwareAccelerated ? Vector<T>.Count : cols + 1, j = 0;
        for (; j + 4 * width <= cols; j += 4 * width) SumFourRegisters(a, result, j);
        for (; j + width <= cols; j += width) SumOneRegister(a, result, j);
        for (; j < cols; j++) SumOneColumn(a, result, j);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SumFourRegisters<T>(Matrix<T> a, Matrix<T> result, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint width = Vector<T>.Count, cols = a.Cols;
        ref T sums = ref result.Data[column];
        ref T source = ref a.Data[column];
        Vector<T> s0 = Vector.LoadUnsafe(ref sums), s1 = Vector.LoadUnsafe(ref Unsafe.Add(ref sums, width));
        Vector<T> s2 = Vector.LoadUnsafe(ref Unsafe.Add(ref sums, 2 * width)), s3 = Vector.LoadUnsafe(ref Unsafe.Add(ref sums, 3 * width));
        for (int i = 0; i < a.Rows; i++, source = ref Unsafe.Add(ref source, cols))
        {
            s0 += Vector.LoadUnsafe(ref source);
            s1 += Vector.LoadUnsafe(ref Unsafe.Add(ref source, width));
            s2 += Vector.LoadUnsafe(ref Unsafe.Add(ref source, 2 * width));
            s3 += Vector.LoadUnsafe(ref Unsafe.Add(ref source, 3 * width));
        }
        s0.StoreUnsafe(ref sums);
        s1.StoreUnsafe(ref Unsafe.Add(ref sums, width));
        s2.StoreUnsafe(ref Unsafe.Add(ref sums, 2 * width));
        s3.StoreUnsafe(ref Unsafe.Add(ref sums, 3 * width));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SumOneRegister<T>(Matrix<T> a, Matrix<T> result, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint cols = a.Cols;
        ref T sums = ref result.Data[column];
        ref T source = ref a.Data[column];
        Vector<T> sum = Vector.LoadUnsafe(ref sums);
        for (int i = 0; i < a.Rows; i++, source = ref Unsafe.Add(ref source, cols)) sum += Vector.LoadUnsafe(ref source);
        sum.StoreUnsafe(ref sums);
    }

    private static void SumOneColumn<T>(Matrix<T> a, Matrix<T> result, int column) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint cols = a.Cols;
        ref T source = ref a.Data[column];
        T sum = result.Data[column];
        for (int i = 0; i < a.Rows; i++, source = ref Unsafe.Add(ref source, cols)) sum += source;
        result.Data[column] = sum;
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
