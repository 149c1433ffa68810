using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// C = A·B (or C += A·B), A [m, k] and B [k, n] seen through any strides, C row-major: the general matrix multiply
/// every linear layer's forward and backward reduce to. Blocked the way BLIS and oneDNN do it, so each level of
/// memory holds what the level below reuses:
/// <code>
/// for each block of B's columns (n, NC at a time):
///   for each block of the depth (k, KC at a time):        pack B[k-block, n-block]   (stays in L2/L3)
///     for each block of A's rows (m, MC at a time):         A[m-block, k-block]   (stays in L2)
///       for each NR-column panel of B:                        (one panel, KC × NR, stays in L1)
///         for each MR-row panel of A: micro-kernel            (an MR × NR tile of C in registers)
/// </code>
/// Unlike BLIS, A is read in place when its rows are contiguous (the micro-kernel broadcasts its values one at a time,
/// so any strides do): with batches of a few hundred rows, packing a row-major A would cost a large share of the multiply.
/// Each C element is summed over p = 0, 1, …, k − 1 in order (one fused multiply-add at a time, the partial sum
/// added to C between depth blocks), so the result does not depend on the thread count or the register width's
/// blocking of m and n; only on the depth blocking, which depends on k alone. Products under
/// <see cref="SmallProducts.Threshold"/> multiply-adds skip the tiles and sum the same way.
/// </summary>
internal static class Gemm
{
    // KC: a B panel of KC × NR values is up to 64 KiB with the AVX-512 tile (NR = 64 floats or 32 doubles), about the
    // size of L1; with k = 784 the equal blocks are 196 deep (50 KiB). Blocks of 128 measured no faster here.
    private const int DepthBlock = 256;
    private const int RowBlock = 144;       // MC: a packed (transposed) A block of MC × KC, at most 144 KiB float, 288 KiB double
    private const int ColumnBlock = 4096;   // NC
    private const long WorkPerThread = 1 << 18;   // multiply-adds below which waking another thread costs more than it saves

    public static void Multiply<T>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(a, b, c, cOffset, cStride, accumulate, SimdWidths.Widest, KernelThreads.Count);

    public static void Multiply<T>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate, SimdWidth width, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Cols != b.Rows) throw new ArgumentException($"Inner sizes differ: A is [{a.Rows}, {a.Cols}], B is [{b.Rows}, {b.Cols}].");
        int m = a.Rows, n = b.Cols, k = a.Cols;
        if (m == 0 || n == 0) return;
        if (cOffset + (long)(m - 1) * cStride + n > c.Length || cStride < n)
            throw new ArgumentException($"C cannot hold [{m}, {n}] with row stride {cStride} from offset {cOffset}.");
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.AsSpan(cOffset + i * cStride, n).Clear();
            return;
        }

        long work = (long)m * n * k;
        if (work < SmallProducts.Threshold)
        {
            SmallProducts.Multiply(a, b, c, cOffset, cStride, accumulate, width);
            return;
        }
        int parts = (int)Math.Clamp(work / WorkPerThread, 1, threads);
        if (parts == 1)
        {
            MultiplyPart(a, b, c, cOffset, cStride, accumulate, width, part: 0, parts: 1);
            return;
        }
        var job = GemmJob<T>.ForThisThread;
        job.Set(a, b, c, cOffset, cStride, accumulate, width);
        KernelThreads.Run(job, parts);
        job.Clear();
    }

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="parts"/>: a slice of C's columns, so each thread packs only its own
    /// part of B (or a slice of C's rows when C is too narrow to share out), cut at whole panels so no two parts write
    /// one tile.
    /// </summary>
    internal static void MultiplyPart<T>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate, SimdWidth width, int part, int parts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case SimdWidth.Bits512: MultiplyPart<T, Vector512<T>, Simd512<T>>(a, b, c, cOffset, cStride, accumulate, part, parts); break;
            case SimdWidth.Bits256: MultiplyPart<T, Vector256<T>, Simd256<T>>(a, b, c, cOffset, cStride, accumulate, part, parts); break;
            default: MultiplyPart<T, Vector128<T>, Simd128<T>>(a, b, c, cOffset, cStride, accumulate, part, parts); break;
        }
    }

    private static void MultiplyPart<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate, int part, int parts)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int mr = MicroKernel.Rows, nr = MicroKernel.Columns<T, TVector, TSimd>();
        int cRowStride = cStride, cColStride = 1;
        if (TransposeFillsTilesBetter(a.Rows, b.Cols, mr, nr))
        {
            // Cᵀ = Bᵀ·Aᵀ: the same sums (each c[i, j] still Σ_p a[i, p]·b[p, j] in order; a·b and b·a round alike),
            // written to C through swapped strides.
            (a, b) = (b.Transposed, a.Transposed);
            (cRowStride, cColStride) = (1, cStride);
        }
        int m = a.Rows, n = b.Cols;
        int rowPanels = (m + mr - 1) / mr, columnPanels = (n + nr - 1) / nr;
        if (columnPanels >= parts)
        {
            (int first, int count) = Slice(columnPanels, part, parts, nr, n);
            if (count == 0) return;
            Blocked<T, TVector, TSimd>(a, b.Block(0, first, b.Rows, count), c, cOffset + first * cColStride, cRowStride, cColStride, accumulate);
        }
        else
        {
            (int first, int count) = Slice(rowPanels, part, parts, mr, m);
            if (count == 0) return;
            Blocked<T, TVector, TSimd>(a.Block(first, 0, count, a.Cols), b, c, cOffset + first * cRowStride, cRowStride, cColStride, accumulate);
        }
    }

    /// <summary>
    /// Whether C = A·B [m, n] fills fewer tile cells computed as its transpose. A C narrower than a tile (n &lt; NR) wastes
    /// most of every tile: [128, 10] with 6 × 64 tiles computes 132 × 64 cells, its transpose [10, 128] only 12 × 128.
    /// </summary>
    internal static bool TransposeFillsTilesBetter(int m, int n, int mr, int nr) =>
        n < nr && (long)Packing.PaddedLength(n, mr) * Packing.PaddedLength(m, nr) < (long)Packing.PaddedLength(m, mr) * nr;

    private static (int First, int Count) Slice(int panels, int part, int parts, int panelSize, int total)
    {
        int first = (int)((long)panels * part / parts) * panelSize;
        int end = Math.Min((int)((long)panels * (part + 1) / parts) * panelSize, total);
        return (first, Math.Max(0, end - first));
    }

    private static void Blocked<T, TVector, TSimd>(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cRowStride, int cColStride, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TSimd : ISimd<T, TVector>
    {
        int m = a.Rows, n = b.Cols, k = a.Cols;
        int mr = MicroKernel.Rows, nr = MicroKernel.Columns<T, TVector, TSimd>();

        // Equal blocks rather than full blocks and a sliver: k = 784 is 4 × 196, not 3 × 256 + 16.
        int kc = DepthBlockFor(k);
        int mc = Even(m, RowBlock, mr);
        int nc = Even(n, ColumnBlock, nr);

        // B is always packed: contiguous, aligned panels whatever its strides, and no cache-set conflicts from a
        // power-of-two row length. A is read in place when its rows are contiguous (the common x·Wᵀ and g·W), and
        // packed when it is a transposed view (aᵀ·b, the weight gradient): there successive p are a whole stored row
        // apart, and with a power-of-two row length every p would land in the same few cache sets. A last panel of
        // fewer than MR rows is packed zero-padded either way.
        bool packA = a.RowStride == 1 && a.ColStride != 1;
        Span<T> packedB = ScratchBuffers<T>.B(Packing.PaddedLength(Math.Min(nc, n), nr) * kc);
        Span<T> packedA = ScratchBuffers<T>.A(packA ? Packing.PaddedLength(Math.Min(mc, m), mr) * kc : mr * kc);
        int fullRows = packA ? 0 : m / mr * mr;   // rows read in place
        Span<T> scratch = ScratchBuffers<T>.Tile(mr * nr);

        for (int jc = 0; jc < n; jc += nc)
        {
            int ncur = Math.Min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kc)
            {
                int kcur = Math.Min(kc, k - pc);
                Packing.PackB(b.Block(pc, jc, kcur, ncur), nr, packedB);
                if (!packA && fullRows < m) Packing.PackA(a.Block(fullRows, pc, m - fullRows, kcur), packedA);
                bool addToC = accumulate || pc > 0;

                for (int ic = 0; ic < m; ic += mc)
                {
                    int mcur = Math.Min(mc, m - ic);
                    if (packA) Packing.PackA(a.Block(ic, pc, mcur, kcur), packedA);
                    for (int jr = 0; jr < ncur; jr += nr)
                    {
                        ref T bPanel = ref packedB[jr * kcur];
                        int cols = Math.Min(nr, ncur - jr);
                        for (int ir = ic; ir < ic + mcur; ir += mr)
                        {
                            ref T cTile = ref c[cOffset + ir * cRowStride + (jc + jr) * cColStride];
                            int rows = Math.Min(mr, m - ir);
                            if (ir < fullRows)
                                MicroKernel.Run<T, TVector, TSimd>(kcur, ref a.Data[a.Offset + ir * a.RowStride + pc * a.ColStride], a.RowStride, a.ColStride,
                                    ref bPanel, ref cTile, cRowStride, cColStride, rows, cols, addToC, scratch);
                            else
                                MicroKernel.Run<T, TVector, TSimd>(kcur, ref packedA[(packA ? ir - ic : 0) * kcur], 1, mr,
                                    ref bPanel, ref cTile, cRowStride, cColStride, rows, cols, addToC, scratch);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The depth block for a depth of k: every path cuts the sum over p at the same places.</summary>
    internal static int DepthBlockFor(int k) => Even(k, DepthBlock, 1);

    /// <summary>A block size for <paramref name="total"/>: as many blocks as <paramref name="limit"/> requires, all of one size (a multiple of <paramref name="multiple"/>).</summary>
    private static int Even(int total, int limit, int multiple)
    {
        int blocks = (total + limit - 1) / limit;
        int size = (total + blocks - 1) / blocks;
        return Packing.PaddedLength(size, multiple);
    }

    /// <summary>A multiply handed to the kernel threads; one per calling thread, reused.</summary>
    private sealed class GemmJob<T> : ParallelWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] private static GemmJob<T>? _forThisThread;
        public static GemmJob<T> ForThisThread => _forThisThread ??= new GemmJob<T>();

        private MatrixView<T> _a, _b;
        private T[] _c = [];
        private int _cOffset, _cStride;
        private bool _accumulate;
        private SimdWidth _width;

        public void Set(MatrixView<T> a, MatrixView<T> b, T[] c, int cOffset, int cStride, bool accumulate, SimdWidth width) =>
            (_a, _b, _c, _cOffset, _cStride, _accumulate, _width) = (a, b, c, cOffset, cStride, accumulate, width);

        public void Clear() => (_a, _b, _c) = (default, default, []);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void RunPart(int part, int parts) => MultiplyPart(_a, _b, _c, _cOffset, _cStride, _accumulate, _width, part, parts);
    }
}
