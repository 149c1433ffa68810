using System.Numerics;

namespace BackpropParity.Manual.Tensors;

/// <summary>
/// An element-wise function y = f(x). Layers write theirs as small structs, so the kernels are specialised for each
/// and the call inlined: no delegate, no allocation per step. Each gives the same function on a whole register of
/// values too (<see cref="Vector{T}"/>), which the kernels use for all but the last few elements; a function with no
/// vector form of its own answers with <see cref="Lanes.Apply{T, TFunction}(Vector{T}, TFunction)"/>.
/// </summary>
public interface IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T x);

    Vector<T> Apply(Vector<T> x);
}

/// <summary>An element-wise function z = f(x, y) of two same-shaped matrices, on single values and on registers.</summary>
public interface IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T x, T y);

    Vector<T> Apply(Vector<T> x, Vector<T> y);
}

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

/// <summary>Functions of a register the BCL offers only for float and double, for any T.</summary>
public static class VectorMath
{
    /// <summary>
    /// eˣ in every lane: the BCL's vectorised exp, within an ulp or so of <see cref="Math.Exp"/>. Floats go through
    /// double and are rounded once at the end: a float sigmoid near 1 feeds 1 − σ, where every ulp of σ counts.
    /// </summary>
    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector.Widen(x.As<T, float>(), out Vector<double> low, out Vector<double> high);
            return Vector.Narrow(Vector.Exp(low), Vector.Exp(high)).As<float, T>();
        }
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        return Lanes.Apply(x, new ScalarExp<T>());
    }

    /// <summary>ln x in every lane (floats through double, as for <see cref="Exp{T}"/>).</summary>
    public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector.Widen(x.As<T, float>(), out Vector<double> low, out Vector<double> high);
            return Vector.Narrow(Vector.Log(low), Vector.Log(high)).As<float, T>();
        }
        if (typeof(T) == typeof(double)) return Vector.Log(x.As<T, double>()).As<double, T>();
        return Lanes.Apply(x, new ScalarLog<T>());
    }

    private readonly struct ScalarExp<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => T.Exp(x);
        public Vector<T> Apply(Vector<T> x) => Lanes.Apply(x, this);
    }

    private readonly struct ScalarLog<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T x) => T.Log(x);
        public Vector<T> Apply(Vector<T> x) => Lanes.Apply(x, this);
    }
}
