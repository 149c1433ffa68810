using System.Numerics;

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
        int depth = a.Cols;
        int index = 0;
        for (int first = 0; first < a.Rows; first += panelRows)
        {
            int rows = Math.Min(panelRows, a.Rows - first);
            for (int p = 0; p < depth; p++)
            {
                int source = a.Offset + first * a.RowStride + p * a.ColStride;
                if (rows == panelRows && a.RowStride == 1)
                {
                    a.Data.AsSpan(source, panelRows).CopyTo(packed.Slice(index, panelRows));   // a column of a transposed view is contiguous
                }
                else
                {
                    for (int r = 0; r < rows; r++) packed[index + r] = a.Data[source + r * a.RowStride];
                    packed.Slice(index + rows, panelRows - rows).Clear();
                }
                index += panelRows;
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
        int index = 0;
        for (int first = 0; first < b.Cols; first += panelCols)
        {
            int cols = Math.Min(panelCols, b.Cols - first);
            for (int p = 0; p < depth; p++)
            {
                int source = b.Offset + p * b.RowStride + first * b.ColStride;
                if (b.ColStride == 1)
                {
                    b.Data.AsSpan(source, cols).CopyTo(packed.Slice(index, cols));
                }
                else
                {
                    for (int j = 0; j < cols; j++) packed[index + j] = b.Data[source + j * b.ColStride];
                }
                packed.Slice(index + cols, panelCols - cols).Clear();
                index += panelCols;
            }
        }
    }

    /// <summary>Space for a block of <paramref name="count"/> rows (or columns) padded to whole panels.</summary>
    public static int PaddedLength(int count, int panel) => (count + panel - 1) / panel * panel;
}
