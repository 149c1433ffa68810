using System.Numerics;
using System.Runtime.CompilerServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// The innermost loop of the matrix multiply: a tile of <see cref="Rows"/> rows × (2 or 4 registers) of C kept in
/// registers while the whole depth streams through. For each p it loads one row of the packed B panel, broadcasts
/// each of A's six values of column p, and does 6 × (2 or 4) fused multiply-adds, all independent, enough to keep both
/// FMA units of a core busy. B's panel rows are contiguous (the caller packs B); A's values are read one at a time, so
/// A can be read in place through any strides.
/// With 32 registers (AVX-512) the tile is 6 × 4 registers: 24 accumulators, 4 for B, 1 broadcast; each broadcast then
/// feeds 4 multiply-adds instead of 2, which matters because a broadcast competes with them for an execution port.
/// With 16 registers (AVX2, NEON) it is 6 × 2: 12 + 2 + 1.
/// </summary>
internal static class MicroKernel
{
    /// <summary>Rows of the tile (MR).</summary>
    public const int Rows = 6;

    /// <summary>Registers per tile row: 4 when registers are 512 bits wide (there are 32 of them), else 2.</summary>
    public static int VectorsPerRow<T, TVector, TSimd>() where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector> =>
        TSimd.Count * Unsafe.SizeOf<T>() >= 64 ? 4 : 2;

    /// <summary>Columns of the tile (NR) for a register width.</summary>
    public static int Columns<T, TVector, TSimd>() where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector> =>
        VectorsPerRow<T, TVector, TSimd>() * TSimd.Count;

    /// <summary>
    /// c[r, j] = Σ_p a[r, p]·b[p][j] for r &lt; <paramref name="rows"/>, j &lt; <paramref name="cols"/>, added to what c held
    /// when <paramref name="accumulate"/>. A is read through strides (a row-major block, a transposed one, or a packed
    /// panel alike) and must have all <see cref="Rows"/> rows; b is a packed panel, <c>Columns</c> values per p. c[r, j]
    /// is at r·<paramref name="cRowStride"/> + j·<paramref name="cColStride"/>; a whole tile of a row-major C is written
    /// in place, anything else (a partial tile, a transposed C) is computed whole into <paramref name="scratch"/>
    /// (Rows × Columns) and its valid part copied out.
    /// </summary>
    public static void Run<T, TVector, TSimd>(int depth, ref T a, int aRowStride, int aColStride, ref T b, ref T c, int cRowStride, int cColStride,
        int rows, int cols, bool accumulate, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int tileColumns = Columns<T, TVector, TSimd>();
        bool full = rows == Rows && cols == tileColumns && cColStride == 1;
        ref T target = ref full ? ref c : ref scratch[0];
        int stride = full ? cRowStride : tileColumns;
        // A 4-register tile whose columns fit in 2 registers (the last, narrow panel of a C like [256, 784]) runs the
        // 2-register loop over the first half of each panel row: half the multiply-adds, the same sums.
        if (VectorsPerRow<T, TVector, TSimd>() == 4 && cols > 2 * TSimd.Count)
            Run6x4<T, TVector, TSimd>(depth, ref a, aRowStride, aColStride, ref b, ref target, stride, full && accumulate);
        else
            Run6x2<T, TVector, TSimd>(depth, ref a, aRowStride, aColStride, ref b, tileColumns, ref target, stride, full && accumulate);
        if (!full) CopyOut(scratch, tileColumns, ref c, cRowStride, cColStride, rows, cols, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run6x2<T, TVector, TSimd>(int depth, ref T a, int aRowStride, int aColStride, ref T b, int bPanelColumns, ref T c, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int width = TSimd.Count;
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero;
        TVector c10 = TSimd.Zero, c11 = TSimd.Zero;
        TVector c20 = TSimd.Zero, c21 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero;
        TVector c40 = TSimd.Zero, c41 = TSimd.Zero;
        TVector c50 = TSimd.Zero, c51 = TSimd.Zero;
        nint rowStep = aRowStride, twoRows = 2 * rowStep, columnStep = aColStride;
        ref T a0 = ref a;                              // rows 0, 1, 2 at a0, a0 + rowStep, a0 + 2·rowStep
        ref T a3 = ref Unsafe.Add(ref a, 3 * rowStep); // rows 3, 4, 5 likewise

        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TSimd.Load(in b), b1 = TSimd.Load(in Unsafe.Add(ref b, 1 * width));
            TVector ai = TSimd.Broadcast(a0);
            c00 = TSimd.MultiplyAdd(ai, b0, c00); c01 = TSimd.MultiplyAdd(ai, b1, c01);
            ai = TSimd.Broadcast(Unsafe.Add(ref a0, rowStep));
            c10 = TSimd.MultiplyAdd(ai, b0, c10); c11 = TSimd.MultiplyAdd(ai, b1, c11);
            ai = TSimd.Broadcast(Unsafe.Add(ref a0, twoRows));
            c20 = TSimd.MultiplyAdd(ai, b0, c20); c21 = TSimd.MultiplyAdd(ai, b1, c21);
            ai = TSimd.Broadcast(a3);
            c30 = TSimd.MultiplyAdd(ai, b0, c30); c31 = TSimd.MultiplyAdd(ai, b1, c31);
            ai = TSimd.Broadcast(Unsafe.Add(ref a3, rowStep));
            c40 = TSimd.MultiplyAdd(ai, b0, c40); c41 = TSimd.MultiplyAdd(ai, b1, c41);
            ai = TSimd.Broadcast(Unsafe.Add(ref a3, twoRows));
            c50 = TSimd.MultiplyAdd(ai, b0, c50); c51 = TSimd.MultiplyAdd(ai, b1, c51);
            a0 = ref Unsafe.Add(ref a0, columnStep);
            a3 = ref Unsafe.Add(ref a3, columnStep);
            b = ref Unsafe.Add(ref b, bPanelColumns);
        }

        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 0 * cStride), accumulate, c00, c01);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 1 * cStride), accumulate, c10, c11);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 2 * cStride), accumulate, c20, c21);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 3 * cStride), accumulate, c30, c31);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 4 * cStride), accumulate, c40, c41);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 5 * cStride), accumulate, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run6x4<T, TVector, TSimd>(int depth, ref T a, int aRowStride, int aColStride, ref T b, ref T c, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int width = TSimd.Count;
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c02 = TSimd.Zero, c03 = TSimd.Zero;
        TVector c10 = TSimd.Zero, c11 = TSimd.Zero, c12 = TSimd.Zero, c13 = TSimd.Zero;
        TVector c20 = TSimd.Zero, c21 = TSimd.Zero, c22 = TSimd.Zero, c23 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero, c32 = TSimd.Zero, c33 = TSimd.Zero;
        TVector c40 = TSimd.Zero, c41 = TSimd.Zero, c42 = TSimd.Zero, c43 = TSimd.Zero;
        TVector c50 = TSimd.Zero, c51 = TSimd.Zero, c52 = TSimd.Zero, c53 = TSimd.Zero;
        nint rowStep = aRowStride, twoRows = 2 * rowStep, columnStep = aColStride;
        ref T a0 = ref a;                              // rows 0, 1, 2 at a0, a0 + rowStep, a0 + 2·rowStep
        ref T a3 = ref Unsafe.Add(ref a, 3 * rowStep); // rows 3, 4, 5 likewise

        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TSimd.Load(in b), b1 = TSimd.Load(in Unsafe.Add(ref b, 1 * width)), b2 = TSimd.Load(in Unsafe.Add(ref b, 2 * width)), b3 = TSimd.Load(in Unsafe.Add(ref b, 3 * width));
            TVector ai = TSimd.Broadcast(a0);
            c00 = TSimd.MultiplyAdd(ai, b0, c00); c01 = TSimd.MultiplyAdd(ai, b1, c01); c02 = TSimd.MultiplyAdd(ai, b2, c02); c03 = TSimd.MultiplyAdd(ai, b3, c03);
            ai = TSimd.Broadcast(Unsafe.Add(ref a0, rowStep));
            c10 = TSimd.MultiplyAdd(ai, b0, c10); c11 = TSimd.MultiplyAdd(ai, b1, c11); c12 = TSimd.MultiplyAdd(ai, b2, c12); c13 = TSimd.MultiplyAdd(ai, b3, c13);
            ai = TSimd.Broadcast(Unsafe.Add(ref a0, twoRows));
            c20 = TSimd.MultiplyAdd(ai, b0, c20); c21 = TSimd.MultiplyAdd(ai, b1, c21); c22 = TSimd.MultiplyAdd(ai, b2, c22); c23 = TSimd.MultiplyAdd(ai, b3, c23);
            ai = TSimd.Broadcast(a3);
            c30 = TSimd.MultiplyAdd(ai, b0, c30); c31 = TSimd.MultiplyAdd(ai, b1, c31); c32 = TSimd.MultiplyAdd(ai, b2, c32); c33 = TSimd.MultiplyAdd(ai, b3, c33);
            ai = TSimd.Broadcast(Unsafe.Add(ref a3, rowStep));
            c40 = TSimd.MultiplyAdd(ai, b0, c40); c41 = TSimd.MultiplyAdd(ai, b1, c41); c42 = TSimd.MultiplyAdd(ai, b2, c42); c43 = TSimd.MultiplyAdd(ai, b3, c43);
            ai = TSimd.Broadcast(Unsafe.Add(ref a3, twoRows));
            c50 = TSimd.MultiplyAdd(ai, b0, c50); c51 = TSimd.MultiplyAdd(ai, b1, c51); c52 = TSimd.MultiplyAdd(ai, b2, c52); c53 = TSimd.MultiplyAdd(ai, b3, c53);
            a0 = ref Unsafe.Add(ref a0, columnStep);
            a3 = ref Unsafe.Add(ref a3, columnStep);
            b = ref Unsafe.Add(ref b, 4 * width);
        }

        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 0 * cStride), accumulate, c00, c01, c02, c03);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 1 * cStride), accumulate, c10, c11, c12, c13);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 2 * cStride), accumulate, c20, c21, c22, c23);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 3 * cStride), accumulate, c30, c31, c32, c33);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 4 * cStride), accumulate, c40, c41, c42, c43);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref c, 5 * cStride), accumulate, c50, c51, c52, c53);
    }

    /// <summary>Stores one tile row of registers, adding what the row held when <paramref name="add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T, TVector, TSimd>(ref T row, bool add, TVector v0, TVector v1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        ref T second = ref Unsafe.Add(ref row, TSimd.Count);
        if (add)
        {
            v0 = TSimd.Add(TSimd.Load(in row), v0);
            v1 = TSimd.Add(TSimd.Load(in second), v1);
        }
        TSimd.Store(v0, ref row);
        TSimd.Store(v1, ref second);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T, TVector, TSimd>(ref T row, bool add, TVector v0, TVector v1, TVector v2, TVector v3)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        Write<T, TVector, TSimd>(ref row, add, v0, v1);
        Write<T, TVector, TSimd>(ref Unsafe.Add(ref row, 2 * TSimd.Count), add, v2, v3);
    }

    /// <summary>The valid part of a scratch tile into C: c = tile, or c += tile.</summary>
    private static void CopyOut<T>(ReadOnlySpan<T> tile, int tileColumns, ref T c, int cRowStride, int cColStride, int rows, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T target = ref Unsafe.Add(ref c, r * cRowStride);
            for (int j = 0; j < cols; j++)
            {
                T sum = tile[r * tileColumns + j];
                ref T element = ref Unsafe.Add(ref target, j * cColStride);
                element = accumulate ? element + sum : sum;
            }
        }
    }
}
