using System.Numerics;

namespace BackpropParity.Manual.Tensors;

/// <summary>An element-wise function z = f(x, y) of two same-shaped matrices, on single values and on registers.</summary>
public interface IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T x, T y);

    Vector<T> Apply(Vector<T> x, Vector<T> y);
}
