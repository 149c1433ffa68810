using System.Numerics;
using System.Runtime.CompilerServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// The bias's two loops, each other's adjoint: the forward adds a row to every row of the batch, the backward sums the
/// batch's rows into that row. Both walk the columns in strips, four registers wide, then one register, then single
/// columns, and keep the strip's row (or its running sums) in registers while the batch's rows go by, in batch order.
/// Going row by row instead, with the row or the sums in memory, waits on a store and a load for every row.
/// </summary>
internal static class ColumnStrips
{
    /// <summary>matrix[i, :] += row[0, :] for every row i.</summary>
    public static void AddRowToEachRow<T>(Matrix<T> matrix, Matrix<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = matrix.Cols, width = Vector.IsHardwareAccelerated ? Vector<T>.Count : cols + 1, j = 0;
        for (; j + 4 * width <= cols; j += 4 * width) AddFourRegisters(matrix, row, j);
        for (; j + width <= cols; j += width) AddOneRegister(matrix, row, j);
        for (; j < cols; j++) AddOneColumn(matrix, row, j);
    }

    /// <summary>result[0, :] += Σ_i a[i, :], each column summed in batch order (four strips of sums are four independent chains).</summary>
    public static void AddColumnSums<T>(Matrix<T> a, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = a.Cols, width = Vector.IsHardwareAccelerated ? Vector<T>.Count : cols + 1, j = 0;
        for (; j + 4 * width <= cols; j += 4 * width) SumFourRegisters(a, result, j);
        for (; j + width <= cols; j += width) SumOneRegister(a, result, j);
        for (; j < cols; j++) SumOneColumn(a, result, j);
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
}
