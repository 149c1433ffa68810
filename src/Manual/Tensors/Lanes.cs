using System.Numerics;

namespace BackpropParity.Manual.Tensors;

/// <summary>A register's worth of values through a scalar function, one lane at a time.</summary>
public static class Lanes
{
    public static Vector<T> Apply<T, TFunction>(Vector<T> x, TFunction f)
        where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IUnaryFunction<T>
    {
        Span<T> values = stackalloc T[Vector<T>.Count];
        for (int i = 0; i < values.Length; i++) values[i] = f.Apply(x[i]);
        return new Vector<T>(values);
    }

    public static Vector<T> Apply<T, TFunction>(Vector<T> x, Vector<T> y, TFunction f)
        where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IBinaryFunction<T>
    {
        Span<T> values = stackalloc T[Vector<T>.Count];
        for (int i = 0; i < values.Length; i++) values[i] = f.Apply(x[i], y[i]);
        return new Vector<T>(values);
    }
}
