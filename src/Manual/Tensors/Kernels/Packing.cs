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
    /// A block [rows, depth] → panels of <see cref="MicroKernel.Rows"/> rows (MR); within a panel, column p's values are
    /// adjacent: packed[panel·MR·depth + p·MR + r] = a[panel·MR + r, p].
    /// </summary>
    public static void PackA<T>(MatrixView<T> a, Span<T> packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int panelRows = MicroKernel.Rows;
        int depth = a.Cols, panels = (a.Rows + panelRows - 1) / panelRows;
        if (packed.Length < panels * panelRows * depth) throw new ArgumentException($"{packed.Length} values cannot hold {panels} panels of {panelRows} × {depth}.");
        int index = 0;
        for (int first = 0; first < a.Rows; first += panelRows, index += panelRows * depth)
        {
            int rows = Math.Min(panelRows, a.Rows - first);
            if (rows == panelRows && a.RowStride == 1)
            {
                // A column of a transposed view is contiguous: one fixed-size block copy per p, which the JIT turns into
                // a couple of register moves (a loop over the six values ran three times slower).
                ref T from = ref a.Data[a.Offset + first];
                ref T to = ref packed[index];
                for (int p = 0; p < depth; p++)
                    Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref to, p * panelRows)),
                        ref Unsafe.As<T, byte>(ref Unsafe.Add(ref from, p * a.ColStride)), (uint)(panelRows * Unsafe.SizeOf<T>()));
                continue;
            }
            for (int p = 0; p < depth; p++)
            {
                int source = a.Offset + first * a.RowStride + p * a.ColStride, target = index + p * panelRows;
                for (int r = 0; r < rows; r++) packed[target + r] = a.Data[source + r * a.RowStride];
                packed.Slice(target + rows, panelRows - rows).Clear();
            }
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
            if (b.ColStride == 1 && cols == panelCols)
            {
                ref T from = ref b.Data[b.Offset + first];
                ref T to = ref panel[0];
                for (int p = 0; p < depth; p++) CopyPanelRow(ref Unsafe.Add(ref to, p * panelCols), ref Unsafe.Add(ref from, p * b.RowStride), panelCols);
                continue;
            }
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
            // p outer: the panel is written front to back, a few whole rows at a time (j outer wrote half-lines all
            // over it and ran twice as long)
            for (int p = 0; p < tiledDepth; p += tile)
                for (int j = 0; j < tiledCols; j += tile)
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
    /// Copies one row of a full panel: 4 registers (256 bytes) with 512-bit tiles, 2 (64 or 32 bytes) with narrower ones.
    /// A copy of a size the JIT knows becomes a few register moves; a call to the general copy for each 256-byte row
    /// cost a third more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPanelRow<T>(ref T to, ref T from, int count) where T : unmanaged
    {
        ref byte target = ref Unsafe.As<T, byte>(ref to);
        ref byte source = ref Unsafe.As<T, byte>(ref from);
        switch (count * Unsafe.SizeOf<T>())
        {
            case 256: Unsafe.CopyBlockUnaligned(ref target, ref source, 256); break;
            case 64: Unsafe.CopyBlockUnaligned(ref target, ref source, 64); break;
            case 32: Unsafe.CopyBlockUnaligned(ref target, ref source, 32); break;
            default: Unsafe.CopyBlockUnaligned(ref target, ref source, (uint)(count * Unsafe.SizeOf<T>())); break;
        }
    }

    /// <summary>
    /// target[q·targetStride + i] = source[i·sourceStride + q] for an 8 × 8 float or 4 × 4 double tile: the classic
    /// unpack / shuffle / swap-halves transpose of AVX registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeTile<T>(ref T source, int sourceStride, ref T target, int targetStride) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ref float s = ref Unsafe.As<T, float>(ref source);
            ref float t = ref Unsafe.As<T, float>(ref target);
            nuint stride = (nuint)sourceStride;
            Vector256<float> r0 = Vector256.LoadUnsafe(ref s), r1 = Vector256.LoadUnsafe(ref s, stride);
            Vector256<float> r2 = Vector256.LoadUnsafe(ref s, 2 * stride), r3 = Vector256.LoadUnsafe(ref s, 3 * stride);
            Vector256<float> r4 = Vector256.LoadUnsafe(ref s, 4 * stride), r5 = Vector256.LoadUnsafe(ref s, 5 * stride);
            Vector256<float> r6 = Vector256.LoadUnsafe(ref s, 6 * stride), r7 = Vector256.LoadUnsafe(ref s, 7 * stride);
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
