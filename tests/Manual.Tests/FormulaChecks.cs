using System.Numerics;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests;

/// <summary>
/// What the value tests share: the lengths that reach every register width's full registers and every scalar tail,
/// seeded inputs, a row matrix of them in either dtype, and how close a formula computed in double must be.
/// </summary>
internal static class FormulaChecks
{
    public static readonly int[] Lengths = [.. Enumerable.Range(1, 37)];

    public static double[] Draw(int length, int seed, double lo = -3, double hi = 3)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => lo + (hi - lo) * random.NextDouble())];
    }

    public static Matrix<T> Row<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Matrix<T>.FromDoubles(1, values.Length, values);

    /// <summary>Relative closeness to the formula for one rounded operation: a few units in the last place of T.</summary>
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 2e-7 : 2e-15;
}
