using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// C = A·B (or C += A·B) for products too small to pay for tiles and packed panels: the lessons' networks, where one
/// of m, n, k is often 1 or 2 (a 2-16-1 spiral network multiplies [200, 2] by [2, 16] and [200, 16] by [16, 1]).
/// Each form keeps a register of sums while p runs, vectorised along whichever output dimension is long:
/// <list type="bullet">
/// <item>rows: c[i, j…] = Σ_p a[i, p]·b[p, j…] — along n, when C's rows are at least a register long;</item>
/// <item>columns: c[i…, j] = Σ_p b[p, j]·a[i…, p] — along m, when A's columns are contiguous (a transposed A, as in aᵀ·b).</item>
/// </list>
/// Both sum exactly as the blocked kernel does — from zero, one fused multiply-add per p in order, the depth cut into
/// the same blocks, each block's sum then added to C — so a product gives the same bits whichever path computes it.
/// </summary>
internal static class SmallProducts
{
    /// <summary>Multiply-adds below which these forms beat the blocked kernel.</summary>
    public const long Threshold = 1 << 15;

    public static void Multiply<T>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate, SimdWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case SimdWidth.Bits512: Multiply<T, Vector512<T>, Simd512<T>>(a, b, c, cOffset, cStride, accumulate); break;
            case SimdWidth.Bits256: Multiply<T, Vector256<T>, Simd256<T>>(a, b, c, cOffset, cStride, accumulate); break;
            default: Multiply<T, Vector128<T>, Simd128<T>>(a, b, c, cOffset, cStride, accumulate); break;
        }
    }

    private static void Multiply<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, width = TSimd.Count;
        if (n < width && m >= width && a.RowStride == 1) ByColumns<T, TVector, TSimd>(a, b, c, cOffset, cStride, accumulate);
        else ByRows<T, TVector, TSimd>(a, b.ColStride == 1 ? b : Contiguous(b), c, cOffset, cStride, accumulate);
    }

    // c[i, j…] = Σ_p a[i, p]·b[p, j…], a register of C's row at a time, then the last few columns.
    private static void ByRows<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols, width = TSimd.Count, kc = Gemm.DepthBlockFor(k);
        nint aRowStride = a.RowStride, aColStride = a.ColStride, bRowStride = b.RowStride;   // locals stay in registers
        ref T aStart = ref a.Data[a.Offset];
        ref T bStart = ref b.Data[b.Offset];
        ref T cStart = ref c[cOffset];
        for (int pc = 0; pc < k; pc += kc)
        {
            int depth = Math.Min(kc, k - pc);
            bool add = accumulate || pc > 0;
            ref T bBlock = ref Unsafe.Add(ref bStart, pc * bRowStride);
            for (int i = 0; i < m; i++)
            {
                ref T aRow = ref Unsafe.Add(ref aStart, i * aRowStride + pc * aColStride);
                ref T cRow = ref Unsafe.Add(ref cStart, i * (nint)cStride);
                int j = 0;
                for (; j + width <= n; j += width)
                {
                    TVector sum = TSimd.Zero;
                    ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                    for (int p = 0; p < depth; p++)
                        sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref aRow, p * aColStride)), TSimd.Load(in Unsafe.Add(ref bColumn, p * bRowStride)), sum);
                    ref T target = ref Unsafe.Add(ref cRow, j);
                    TSimd.Store(add ? TSimd.Add(TSimd.Load(in target), sum) : sum, ref target);
                }
            }

            // The last few columns (all of them when C is narrower than a register), eight rows at a time: eight
            // independent chains of fused multiply-adds (enough to cover their latency) instead of one waiting on itself.
            for (int j = n / width * width; j < n; j++)
            {
                ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                int i = 0;
                for (; i + 8 <= m; i += 8)
                {
                    ref T a0 = ref Unsafe.Add(ref aStart, i * aRowStride + pc * aColStride);
                    T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero, s4 = T.Zero, s5 = T.Zero, s6 = T.Zero, s7 = T.Zero;
                    for (int p = 0; p < depth; p++)
                    {
                        T bValue = Unsafe.Add(ref bColumn, p * bRowStride);
                        ref T column = ref Unsafe.Add(ref a0, p * aColStride);
                        s0 = T.FusedMultiplyAdd(column, bValue, s0);
                        s1 = T.FusedMultiplyAdd(Unsafe.Add(ref column, aRowStride), bValue, s1);
                        s2 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 2 * aRowStride), bValue, s2);
                        s3 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 3 * aRowStride), bValue, s3);
                        s4 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 4 * aRowStride), bValue, s4);
                        s5 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 5 * aRowStride), bValue, s5);
                        s6 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 6 * aRowStride), bValue, s6);
                        s7 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 7 * aRowStride), bValue, s7);
                    }
                    ref T target = ref Unsafe.Add(ref cStart, i * (nint)cStride + j);
                    Store(ref target, s0, add);
                    Store(ref Unsafe.Add(ref target, cStride), s1, add);
                    Store(ref Unsafe.Add(ref target, 2 * cStride), s2, add);
                    Store(ref Unsafe.Add(ref target, 3 * cStride), s3, add);
                    Store(ref Unsafe.Add(ref target, 4 * cStride), s4, add);
                    Store(ref Unsafe.Add(ref target, 5 * cStride), s5, add);
                    Store(ref Unsafe.Add(ref target, 6 * cStride), s6, add);
                    Store(ref Unsafe.Add(ref target, 7 * cStride), s7, add);
                }
                for (; i < m; i++)
                {
                    ref T aRow = ref Unsafe.Add(ref aStart, i * aRowStride + pc * aColStride);
                    T sum = T.Zero;
                    for (int p = 0; p < depth; p++) sum = T.FusedMultiplyAdd(Unsafe.Add(ref aRow, p * aColStride), Unsafe.Add(ref bColumn, p * bRowStride), sum);
                    Store(ref Unsafe.Add(ref cStart, i * (nint)cStride + j), sum, add);
                }
            }
        }
    }

    private static void Store<T>(ref T target, T sum, bool add) where T : unmanaged, IFloatingPointIeee754<T> =>
        target = add ? target + sum : sum;

    // c[i…, j] = Σ_p b[p, j]·a[i…, p]: A's column p is a contiguous run of m values. C's column is written one by one.
    private static void ByColumns<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols, width = TSimd.Count, kc = Gemm.DepthBlockFor(k);
        nint aColStride = a.ColStride, bRowStride = b.RowStride, bColStride = b.ColStride;
        ref T aStart = ref a.Data[a.Offset];
        ref T bStart = ref b.Data[b.Offset];
        Span<T> column = ScratchBuffers<T>.Small(width);
        for (int pc = 0; pc < k; pc += kc)
        {
            int end = Math.Min(k, pc + kc);
            bool add = accumulate || pc > 0;
            for (int j = 0; j < n; j++)
            {
                ref T bColumn = ref Unsafe.Add(ref bStart, j * bColStride);
                int i = 0;
                for (; i + width <= m; i += width)
                {
                    TVector sum = TSimd.Zero;
                    ref T aChunk = ref Unsafe.Add(ref aStart, i);
                    for (int p = pc; p < end; p++)
                        sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref bColumn, p * bRowStride)), TSimd.Load(in Unsafe.Add(ref aChunk, p * aColStride)), sum);
                    TSimd.Store(sum, ref column[0]);
                    for (int r = 0; r < width; r++) Store(ref c[cOffset + (i + r) * cStride + j], column[r], add);
                }
                for (; i < m; i++)
                {
                    T sum = T.Zero;
                    for (int p = pc; p < end; p++) sum = T.FusedMultiplyAdd(a[i, p], b[p, j], sum);
                    Store(ref c[cOffset + i * cStride + j], sum, add);
                }
            }
        }
    }

    /// <summary>A row-major copy of a small view (in this thread's scratch space), so its rows can be read as registers.</summary>
    private static MatrixView<T> Contiguous<T>(MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (T[] copy, int offset) = ScratchBuffers<T>.Copy(b.Rows * b.Cols);
        for (int p = 0; p < b.Rows; p++)
            for (int j = 0; j < b.Cols; j++) copy[offset + p * b.Cols + j] = b[p, j];
        return new MatrixView<T>(copy, offset, b.Rows, b.Cols, b.Cols, 1);
    }
}
