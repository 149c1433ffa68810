using System.Numerics;

namespace BackpropParity.Manual.Tensors;

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
