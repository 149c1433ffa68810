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

    // c[i, j…] = Σ_p a[i, p]·b[p, j…], a register of C's row at a time, then the last few columns. Each loop nest is a
    // method of its own: in one large method the JIT ran out of registers and kept the loop counters on the stack.
    private static void ByRows<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols, width = TSimd.Count, kc = Gemm.DepthBlockFor(k);
        int wide = n / width * width;
        for (int pc = 0; pc < k; pc += kc)
        {
            var depth = new Depth(pc, Math.Min(kc, k - pc), accumulate || pc > 0);
            int pairs = m / 2 * 2;
            if (wide > 0 && pairs > 0) PairsOfRowsByRegisters<T, TVector, TSimd>(a.Block(0, 0, pairs, k), b, c, cOffset, cStride, wide, depth);
            if (wide > 0 && pairs < m) RowsByRegisters<T, TVector, TSimd>(a.Block(pairs, 0, m - pairs, k), b, c, cOffset + pairs * cStride, cStride, wide, depth);
            for (int j = wide; j < n; j++) Column(a, b, j, c, cOffset, cStride, depth);
        }
    }

    /// <summary>One depth block: p from <see cref="Start"/>, <see cref="Length"/> deep; <see cref="Add"/>: add the block's sums to C.</summary>
    private readonly record struct Depth(int Start, int Length, bool Add);

    // Two rows at a time: each load of B feeds both rows, and the loop's fixed costs are paid once per pair. With the
    // lessons' shallow products (k = 1 or 2) those fixed costs are most of the work.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PairsOfRowsByRegisters<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, int columns, Depth depth)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        nint aRowStride = a.RowStride, aColStride = a.ColStride, bRowStride = b.RowStride, width = TSimd.Count, cNext = cStride;
        int length = depth.Length;
        ref T aStart = ref a.Data[a.Offset + depth.Start * a.ColStride];
        ref T bBlock = ref b.Data[b.Offset + depth.Start * b.RowStride];
        ref T cRow = ref c[cOffset];
        for (int i = 0; i + 1 < a.Rows; i += 2, aStart = ref Unsafe.Add(ref aStart, 2 * aRowStride), cRow = ref Unsafe.Add(ref cRow, 2 * cNext))
        {
            ref T aNext = ref Unsafe.Add(ref aStart, aRowStride);
            nint j = 0;
            for (; j + 2 * width <= columns; j += 2 * width)
            {
                TVector left0 = TSimd.Zero, right0 = TSimd.Zero, left1 = TSimd.Zero, right1 = TSimd.Zero;
                ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                for (nint p = 0; p < length; p++)
                {
                    ref T bRow = ref Unsafe.Add(ref bColumn, p * bRowStride);
                    TVector bLeft = TSimd.Load(in bRow), bRight = TSimd.Load(in Unsafe.Add(ref bRow, width));
                    TVector a0 = TSimd.Broadcast(Unsafe.Add(ref aStart, p * aColStride)), a1 = TSimd.Broadcast(Unsafe.Add(ref aNext, p * aColStride));
                    left0 = TSimd.MultiplyAdd(a0, bLeft, left0);
                    right0 = TSimd.MultiplyAdd(a0, bRight, right0);
                    left1 = TSimd.MultiplyAdd(a1, bLeft, left1);
                    right1 = TSimd.MultiplyAdd(a1, bRight, right1);
                }
                ref T target = ref Unsafe.Add(ref cRow, j);
                ref T below = ref Unsafe.Add(ref target, cNext);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in target), left0) : left0, ref target);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in Unsafe.Add(ref target, width)), right0) : right0, ref Unsafe.Add(ref target, width));
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in below), left1) : left1, ref below);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in Unsafe.Add(ref below, width)), right1) : right1, ref Unsafe.Add(ref below, width));
            }
            for (; j < columns; j += width)
            {
                TVector sum0 = TSimd.Zero, sum1 = TSimd.Zero;
                ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                for (nint p = 0; p < length; p++)
                {
                    TVector bValue = TSimd.Load(in Unsafe.Add(ref bColumn, p * bRowStride));
                    sum0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref aStart, p * aColStride)), bValue, sum0);
                    sum1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref aNext, p * aColStride)), bValue, sum1);
                }
                ref T target = ref Unsafe.Add(ref cRow, j);
                ref T below = ref Unsafe.Add(ref target, cNext);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in target), sum0) : sum0, ref target);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in below), sum1) : sum1, ref below);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowsByRegisters<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, int columns, Depth depth)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        nint aRowStride = a.RowStride, aColStride = a.ColStride, bRowStride = b.RowStride, width = TSimd.Count;
        int length = depth.Length;
        ref T aStart = ref a.Data[a.Offset + depth.Start * a.ColStride];
        ref T bBlock = ref b.Data[b.Offset + depth.Start * b.RowStride];
        ref T cRow = ref c[cOffset];
        for (int i = 0; i < a.Rows; i++, aStart = ref Unsafe.Add(ref aStart, aRowStride), cRow = ref Unsafe.Add(ref cRow, cStride))
        {
            nint j = 0;
            for (; j + 2 * width <= columns; j += 2 * width)   // two registers of the row share each broadcast of a[i, p]
            {
                TVector left = TSimd.Zero, right = TSimd.Zero;
                ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                for (nint p = 0; p < length; p++)
                {
                    TVector aValue = TSimd.Broadcast(Unsafe.Add(ref aStart, p * aColStride));
                    ref T bRow = ref Unsafe.Add(ref bColumn, p * bRowStride);
                    left = TSimd.MultiplyAdd(aValue, TSimd.Load(in bRow), left);
                    right = TSimd.MultiplyAdd(aValue, TSimd.Load(in Unsafe.Add(ref bRow, width)), right);
                }
                ref T target = ref Unsafe.Add(ref cRow, j);
                ref T next = ref Unsafe.Add(ref target, width);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in target), left) : left, ref target);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in next), right) : right, ref next);
            }
            for (; j < columns; j += width)
            {
                TVector sum = TSimd.Zero;
                ref T bColumn = ref Unsafe.Add(ref bBlock, j);
                for (nint p = 0; p < length; p++)
                    sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref aStart, p * aColStride)), TSimd.Load(in Unsafe.Add(ref bColumn, p * bRowStride)), sum);
                ref T target = ref Unsafe.Add(ref cRow, j);
                TSimd.Store(depth.Add ? TSimd.Add(TSimd.Load(in target), sum) : sum, ref target);
            }
        }
    }

    // Column j of C (one narrower than a register), eight rows at a time: eight independent chains of fused
    // multiply-adds (enough to cover their latency) instead of one waiting on itself.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Column<T>(MatrixView<T> a, MatrixView<T> b, int j, T[] c, int cOffset, int cStride, Depth depth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint s = a.RowStride, aColStride = a.ColStride, bRowStride = b.RowStride;
        int m = a.Rows, length = depth.Length;
        bool add = depth.Add;
        ref T bColumn = ref b.Data[b.Offset + depth.Start * b.RowStride + j * b.ColStride];
        ref T aStart = ref a.Data[a.Offset + depth.Start * a.ColStride];
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            ref T a0 = ref Unsafe.Add(ref aStart, i * s);
            T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero, s4 = T.Zero, s5 = T.Zero, s6 = T.Zero, s7 = T.Zero;
            for (nint p = 0; p < length; p++)
            {
                T bValue = Unsafe.Add(ref bColumn, p * bRowStride);
                ref T column = ref Unsafe.Add(ref a0, p * aColStride);
                s0 = T.FusedMultiplyAdd(column, bValue, s0);
                s1 = T.FusedMultiplyAdd(Unsafe.Add(ref column, s), bValue, s1);
                s2 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 2 * s), bValue, s2);
                s3 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 3 * s), bValue, s3);
                s4 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 4 * s), bValue, s4);
                s5 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 5 * s), bValue, s5);
                s6 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 6 * s), bValue, s6);
                s7 = T.FusedMultiplyAdd(Unsafe.Add(ref column, 7 * s), bValue, s7);
            }
            ref T target = ref c[cOffset + i * cStride + j];
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
            ref T aRow = ref Unsafe.Add(ref aStart, i * s);
            T sum = T.Zero;
            for (nint p = 0; p < length; p++) sum = T.FusedMultiplyAdd(Unsafe.Add(ref aRow, p * aColStride), Unsafe.Add(ref bColumn, p * bRowStride), sum);
            Store(ref c[cOffset + i * cStride + j], sum, add);
        }
    }

    private static void Store<T>(ref T target, T sum, bool add) where T : unmanaged, IFloatingPointIeee754<T> =>
        target = add ? target + sum : sum;

    // c[i…, j] = Σ_p b[p, j]·a[i…, p]: A's column p is a contiguous run of m values (a transposed A). Two registers of
    // rows for two columns at a time: four independent chains, so a deep sum (k = batch) is not one chain's latency.
    private static void ByColumns<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols, width = TSimd.Count, kc = Gemm.DepthBlockFor(k);
        int registers = m / width;
        for (int pc = 0; pc < k; pc += kc)
        {
            var depth = new Depth(pc, Math.Min(kc, k - pc), accumulate || pc > 0);
            int j = 0;
            for (; j + 2 <= n; j += 2)
            {
                int r = 0;
                for (; r + 2 <= registers; r += 2) TwoByTwo<T, TVector, TSimd>(a, b, r * width, j, c, cOffset, cStride, depth);
                for (; r < registers; r++)
                {
                    OneByOne<T, TVector, TSimd>(a, b, r * width, j, c, cOffset, cStride, depth);
                    OneByOne<T, TVector, TSimd>(a, b, r * width, j + 1, c, cOffset, cStride, depth);
                }
            }
            for (; j < n; j++)
                for (int r = 0; r < registers; r++) OneByOne<T, TVector, TSimd>(a, b, r * width, j, c, cOffset, cStride, depth);
            if (registers * width < m)
            {
                var rest = a.Block(registers * width, 0, m - registers * width, k);
                for (j = 0; j < n; j++) Column(rest, b, j, c, cOffset + registers * width * cStride, cStride, depth);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TwoByTwo<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, int i, int j, T[] c, int cOffset, int cStride, Depth depth)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        nint aColStride = a.ColStride, bRowStride = b.RowStride, width = TSimd.Count;
        ref T aChunk = ref a.Data[a.Offset + i + depth.Start * a.ColStride];
        ref T b0 = ref b.Data[b.Offset + depth.Start * b.RowStride + j * b.ColStride];
        ref T b1 = ref Unsafe.Add(ref b0, b.ColStride);
        Span<T> lanes = ScratchBuffers<T>.Small(TSimd.Count);   // fetched first: no call may come while the sums are live
        TVector s00 = TSimd.Zero, s10 = TSimd.Zero, s01 = TSimd.Zero, s11 = TSimd.Zero;
        for (nint p = 0; p < depth.Length; p++)
        {
            TVector upper = TSimd.Load(in Unsafe.Add(ref aChunk, p * aColStride)), lower = TSimd.Load(in Unsafe.Add(ref aChunk, p * aColStride + width));
            TVector x0 = TSimd.Broadcast(Unsafe.Add(ref b0, p * bRowStride)), x1 = TSimd.Broadcast(Unsafe.Add(ref b1, p * bRowStride));
            s00 = TSimd.MultiplyAdd(x0, upper, s00);
            s10 = TSimd.MultiplyAdd(x0, lower, s10);
            s01 = TSimd.MultiplyAdd(x1, upper, s01);
            s11 = TSimd.MultiplyAdd(x1, lower, s11);
        }
        StoreColumn<T, TVector, TSimd>(s00, c, cOffset + i * cStride + j, cStride, depth.Add, lanes);
        StoreColumn<T, TVector, TSimd>(s10, c, cOffset + (i + (int)width) * cStride + j, cStride, depth.Add, lanes);
        StoreColumn<T, TVector, TSimd>(s01, c, cOffset + i * cStride + j + 1, cStride, depth.Add, lanes);
        StoreColumn<T, TVector, TSimd>(s11, c, cOffset + (i + (int)width) * cStride + j + 1, cStride, depth.Add, lanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OneByOne<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, int i, int j, T[] c, int cOffset, int cStride, Depth depth)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        nint aColStride = a.ColStride, bRowStride = b.RowStride;
        ref T aChunk = ref a.Data[a.Offset + i + depth.Start * a.ColStride];
        ref T bColumn = ref b.Data[b.Offset + depth.Start * b.RowStride + j * b.ColStride];
        Span<T> lanes = ScratchBuffers<T>.Small(TSimd.Count);
        TVector sum = TSimd.Zero;
        for (nint p = 0; p < depth.Length; p++)
            sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref bColumn, p * bRowStride)), TSimd.Load(in Unsafe.Add(ref aChunk, p * aColStride)), sum);
        StoreColumn<T, TVector, TSimd>(sum, c, cOffset + i * cStride + j, cStride, depth.Add, lanes);
    }

    // A register of sums down one column of C: c[i + r, j] for each lane r.
    private static void StoreColumn<T, TVector, TSimd>(TVector sums, T[] c, int start, int cStride, bool add, Span<T> lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        TSimd.Store(sums, ref lanes[0]);
        for (int r = 0; r < lanes.Length; r++) Store(ref c[start + r * cStride], lanes[r], add);
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
