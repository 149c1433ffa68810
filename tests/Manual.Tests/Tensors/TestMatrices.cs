using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests.Tensors;

/// <summary>Matrices of reproducible test values, for the kernel tests in any dtype.</summary>
internal static class TestMatrices
{
    /// <summary>[rows, cols] of values uniform in [−1, 1), the same for a given seed.</summary>
    public static Matrix<T> Random<T>(int rows, int cols, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var matrix = new Matrix<T>(rows, cols);
        for (int i = 0; i < matrix.Length; i++) matrix.Data[i] = T.CreateChecked(random.NextDouble() * 2 - 1);
        return matrix;
    }
}
