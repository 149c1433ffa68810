using System.Numerics;

namespace BackpropParity.Manual.Tensors;

/// <summary>
/// An element-wise function y = f(x). Layers write theirs as small structs, so the kernels are specialised for each
/// and the call inlined: no delegate, no allocation per step.
/// </summary>
public interface IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T x);
}

/// <summary>An element-wise function z = f(x, y) of two same-shaped matrices.</summary>
public interface IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    T Apply(T x, T y);
}
