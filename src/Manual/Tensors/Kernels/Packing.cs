using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// Copies blocks of A and B into the order the micro-kernel reads them, once per block, so that the O(m·n·k) inner
/// loop only ever reads memory sequentially whatever the strides (a transposed operand costs nothing extra there).
/// Panels are padded with zeros to full tiles; the padding adds zeros to sums nobody reads.
/// </summary>
internal static class Packing
{
    /// <summary>
    /// A block [rows, depth] → panels of <paramref name="panelRows"/> rows; within a panel, column p's values are
    /// adjacent: packed[panel·panelRows·depth + p·panelRows + r] = a[panel·panelRows + r, p].
    /// </summary>
    public static void PackA<T>(MatrixView<T> a, int panelRows, Span<T> packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int depth = a.Cols, panels = (a.Rows + panelRows - 1) / panelRows;
        if (packed.Length < panels * panelRows * depth) throw new ArgumentException($"{packed.Length} values cannot hold {panels} panels of {panelRows} × {depth}.");
        if (a.RowStride == 1)
        {
            PackColumns(a, panelRows, packed);
            return;
        }
        int index = 0;
        for (int first = 0; first < a.Rows; first += panelRows)
        {
            int rows = Math.Min(panelRows, a.Rows - first);
            for (int p = 0; p < depth; p++)
            {
                int source = a.Offset + first * a.RowStride + p * a.ColStride;
                for (int r = 0; r < rows; r++) packed[index + r] = a.Data[source + r * a.RowStride];
                packed.Slice(index + rows, panelRows - rows).Clear();
                index += panelRows;
            }
        }
    }

    /// <summary>
    /// <see cref="PackA"/> for a block whose columns are contiguous (a transposed view, as in aᵀ·b). Each column is read
    /// once, front to back, and dealt out to the panels: panel by panel instead would walk a whole stored row per p for
    /// each panel, and with a power-of-two row length those rows fall into the same few cache sets and keep evicting
    /// each other.
    /// </summary>
    private static void PackColumns<T>(MatrixView<T> a, int panelRows, Span<T> packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int depth = a.Cols, fullRows = a.Rows / panelRows * panelRows, panelLength = panelRows * depth;
        for (int p = 0; p < depth; p++)
        {
            ref T column = ref a.Data[a.Offset + p * a.ColStride];
            ref T target = ref packed[p * panelRows];
            for (int first = 0; first < fullRows; first += panelRows, target = ref Unsafe.Add(ref target, panelLength))
                for (int r = 0; r < panelRows; r++) Unsafe.Add(ref target, r) = Unsafe.Add(ref column, first + r);
            if (fullRows == a.Rows) continue;
            for (int r = 0; r < panelRows; r++) Unsafe.Add(ref target, r) = fullRows + r < a.Rows ? Unsafe.Add(ref column, fullRows + r) : T.Zero;
        }
    }

    /// <summary>
    /// B block [depth, cols] → panels of <paramref name="panelCols"/> columns; within a panel, row p's values are
    /// adjacent: packed[panel·panelCols·depth + p·panelCols + j] = b[p, panel·panelCols + j].
    /// </summary>
    public static void PackB<T>(MatrixView<T> b, int panelCols, Span<T> packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int depth = b.Rows;
        for (int first = 0; first < b.Cols; first += panelCols)
        {
            int cols = Math.Min(panelCols, b.Cols - first);
            Span<T> panel = packed.Slice(first * depth, panelCols * depth);
            if (b.ColStride == 1)
            {
                for (int p = 0; p < depth; p++)
                {
                    b.Data.AsSpan(b.Offset + p * b.RowStride + first, cols).CopyTo(panel.Slice(p * panelCols, cols));
                    panel.Slice(p * panelCols + cols, panelCols - cols).Clear();
                }
                continue;
            }
            // A transposed B: column j of the block is a row of the stored matrix. Square tiles are transposed in
            // registers where the CPU can; what is left over is copied one value at a time.
            bool registers = b.RowStride == 1 && Avx.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
            int tile = registers ? 32 / Unsafe.SizeOf<T>() : 0;   // 8 floats or 4 doubles
            int tiledCols = tile == 0 ? 0 : cols / tile * tile, tiledDepth = tile == 0 ? 0 : depth / tile * tile;
            ref T source = ref b.Data[b.Offset + first * b.ColStride];
            ref T target = ref panel[0];
            for (int j = 0; j < tiledCols; j += tile)
                for (int p = 0; p < tiledDepth; p += tile)
                    TransposeTile(ref Unsafe.Add(ref source, j * b.ColStride + p), b.ColStride, ref Unsafe.Add(ref target, p * panelCols + j), panelCols);
            for (int j = 0; j < panelCols; j++)
            {
                int from = j < tiledCols ? tiledDepth : 0;
                for (int p = from; p < depth; p++)
                    Unsafe.Add(ref target, p * panelCols + j) = j < cols ? Unsafe.Add(ref source, j * b.ColStride + p * b.RowStride) : T.Zero;
            }
        }
    }

    /// <summary>
    /// target[q·targetStride + i] = source[i·sourceStride + q] for an 8 × 8 float or 4 × 4 double tile: the classic
    /// unpack / shuffle / swap-halves transpose of AVX registers.
    /// </summary>
    private static void TransposeTile<T>(ref T source, int sourceStride, ref T target, int targetStride) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ref float s = ref Unsafe.As<T, float>(ref source);
            ref float t = ref Unsafe.As<T, float>(ref target);
            Vector256<float> r0 = Row(ref s, 0), r1 = Row(ref s, 1), r2 = Row(ref s, 2), r3 = Row(ref s, 3);
            Vector256<float> r4 = Row(ref s, 4), r5 = Row(ref s, 5), r6 = Row(ref s, 6), r7 = Row(ref s, 7);
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
            Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref t, 0);
            Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref t, (nuint)targetStride);
            Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref t, (nuint)(2 * targetStride));
            Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref t, (nuint)(3 * targetStride));
            Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref t, (nuint)(4 * targetStride));
            Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref t, (nuint)(5 * targetStride));
            Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref t, (nuint)(6 * targetStride));
            Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref t, (nuint)(7 * targetStride));

            Vector256<float> Row(ref float start, int i) => Vector256.LoadUnsafe(ref start, (nuint)(i * sourceStride));
        }
        else if (typeof(T) == typeof(double))
        {
            ref double s = ref Unsafe.As<T, double>(ref source);
            ref double t = ref Unsafe.As<T, double>(ref target);
            Vector256<double> r0 = Vector256.LoadUnsafe(ref s), r1 = Vector256.LoadUnsafe(ref s, (nuint)sourceStride);
            Vector256<double> r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * sourceStride));
            Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref t, 0);
            Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref t, (nuint)targetStride);
            Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref t, (nuint)(2 * targetStride));
            Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref t, (nuint)(3 * targetStride));
        }
        else
        {
            throw new NotSupportedException($"No register transpose for {typeof(T).Name}.");
        }
    }

    /// <summary>Space for a block of <paramref name="count"/> rows (or columns) padded to whole panels.</summary>
    public static int PaddedLength(int count, int panel) => (count + panel - 1) / panel * panel;
}
