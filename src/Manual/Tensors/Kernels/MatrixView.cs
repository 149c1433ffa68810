using System.Numerics;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// A matrix seen through strides: element (r, c) is <c>Data[Offset + r·RowStride + c·ColStride]</c>. A row-major
/// matrix has strides (Cols, 1); its transpose is the same array with the strides swapped, so aᵀ·b needs no copy.
/// </summary>
internal readonly record struct MatrixView<T>(T[] Data, int Offset, int Rows, int Cols, int RowStride, int ColStride)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static MatrixView<T> Of(Matrix<T> matrix) => new(matrix.Data, 0, matrix.Rows, matrix.Cols, matrix.Cols, 1);

    public T this[int row, int col] => Data[Offset + row * RowStride + col * ColStride];

    public MatrixView<T> Transposed => new(Data, Offset, Cols, Rows, ColStride, RowStride);

    /// <summary>The [rows, cols] block whose top-left element is (row, col).</summary>
    public MatrixView<T> Block(int row, int col, int rows, int cols) =>
        new(Data, Offset + row * RowStride + col * ColStride, rows, cols, RowStride, ColStride);
}
