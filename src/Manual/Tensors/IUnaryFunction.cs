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
