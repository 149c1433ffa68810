using System.Numerics;
using System.Runtime.CompilerServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// The innermost loop of the matrix multiply: one tile of <see cref="Rows"/> × (2 registers) results kept in
/// registers while the whole depth streams through. For each p it loads two registers of B's row p, broadcasts each
/// of A's six values of column p, and does 12 fused multiply-adds: 12 independent sums, enough to keep both FMA units
/// of a core busy. A and B arrive packed (see <see cref="Packing"/>) so every load is contiguous.
/// </summary>
internal static class MicroKernel
{
    /// <summary>Rows of the tile (MR): 12 accumulators + 2 B registers + 1 broadcast fit even in AVX2's 16 registers.</summary>
    public const int Rows = 6;

    /// <summary>Registers per tile row; the tile is <c>Rows × Columns&lt;TSimd&gt;()</c>.</summary>
    public const int VectorsPerRow = 2;

    /// <summary>Columns of the tile (NR) for a register width.</summary>
    public static int Columns<T, TVector, TSimd>() where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector> =>
        VectorsPerRow * TSimd.Count;

    /// <summary>
    /// c[r, j] = Σ_p a[p][r]·b[p][j] for r &lt; <paramref name="rows"/>, j &lt; <paramref name="cols"/>, added to what c held
    /// when <paramref name="accumulate"/>. a is a packed panel (depth × Rows), b a packed panel (depth × Columns),
    /// c a row-major block with row stride <paramref name="cStride"/>; a partial tile goes through a scratch tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVector, TSimd>(int depth, ref T a, ref T b, ref T c, int cStride, int rows, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int width = TSimd.Count;
        TVector c00 = TSimd.Zero, c01 = TSimd.Zero, c10 = TSimd.Zero, c11 = TSimd.Zero, c20 = TSimd.Zero, c21 = TSimd.Zero;
        TVector c30 = TSimd.Zero, c31 = TSimd.Zero, c40 = TSimd.Zero, c41 = TSimd.Zero, c50 = TSimd.Zero, c51 = TSimd.Zero;

        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TSimd.Load(in b), b1 = TSimd.Load(in Unsafe.Add(ref b, width));
            TVector ai = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(ai, b0, c00); c01 = TSimd.MultiplyAdd(ai, b1, c01);
            ai = TSimd.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TSimd.MultiplyAdd(ai, b0, c10); c11 = TSimd.MultiplyAdd(ai, b1, c11);
            ai = TSimd.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TSimd.MultiplyAdd(ai, b0, c20); c21 = TSimd.MultiplyAdd(ai, b1, c21);
            ai = TSimd.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TSimd.MultiplyAdd(ai, b0, c30); c31 = TSimd.MultiplyAdd(ai, b1, c31);
            ai = TSimd.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TSimd.MultiplyAdd(ai, b0, c40); c41 = TSimd.MultiplyAdd(ai, b1, c41);
            ai = TSimd.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TSimd.MultiplyAdd(ai, b0, c50); c51 = TSimd.MultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, Rows);
            b = ref Unsafe.Add(ref b, 2 * width);
        }

        if (rows == Rows && cols == 2 * width)
        {
            WriteRow<T, TVector, TSimd>(c00, c01, ref c, accumulate);
            WriteRow<T, TVector, TSimd>(c10, c11, ref Unsafe.Add(ref c, cStride), accumulate);
            WriteRow<T, TVector, TSimd>(c20, c21, ref Unsafe.Add(ref c, 2 * cStride), accumulate);
            WriteRow<T, TVector, TSimd>(c30, c31, ref Unsafe.Add(ref c, 3 * cStride), accumulate);
            WriteRow<T, TVector, TSimd>(c40, c41, ref Unsafe.Add(ref c, 4 * cStride), accumulate);
            WriteRow<T, TVector, TSimd>(c50, c51, ref Unsafe.Add(ref c, 5 * cStride), accumulate);
            return;
        }

        int tileColumns = 2 * width;
        Span<T> tile = stackalloc T[Rows * tileColumns];
        ref T t = ref tile[0];
        TSimd.Store(c00, ref t); TSimd.Store(c01, ref Unsafe.Add(ref t, width)); t = ref Unsafe.Add(ref t, tileColumns);
        TSimd.Store(c10, ref t); TSimd.Store(c11, ref Unsafe.Add(ref t, width)); t = ref Unsafe.Add(ref t, tileColumns);
        TSimd.Store(c20, ref t); TSimd.Store(c21, ref Unsafe.Add(ref t, width)); t = ref Unsafe.Add(ref t, tileColumns);
        TSimd.Store(c30, ref t); TSimd.Store(c31, ref Unsafe.Add(ref t, width)); t = ref Unsafe.Add(ref t, tileColumns);
        TSimd.Store(c40, ref t); TSimd.Store(c41, ref Unsafe.Add(ref t, width)); t = ref Unsafe.Add(ref t, tileColumns);
        TSimd.Store(c50, ref t); TSimd.Store(c51, ref Unsafe.Add(ref t, width));
        for (int r = 0; r < rows; r++)
        {
            ref T target = ref Unsafe.Add(ref c, r * cStride);
            for (int j = 0; j < cols; j++)
            {
                T sum = tile[r * tileColumns + j];
                Unsafe.Add(ref target, j) = accumulate ? Unsafe.Add(ref target, j) + sum : sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow<T, TVector, TSimd>(TVector low, TVector high, ref T row, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        ref T upper = ref Unsafe.Add(ref row, TSimd.Count);
        if (accumulate)
        {
            low = TSimd.Add(TSimd.Load(in row), low);
            high = TSimd.Add(TSimd.Load(in upper), high);
        }
        TSimd.Store(low, ref row);
        TSimd.Store(high, ref upper);
    }
}
