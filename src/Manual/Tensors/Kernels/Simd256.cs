using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>256-bit registers (AVX2): 8 floats or 4 doubles.</summary>
internal readonly struct Simd256<T> : ISimd<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);
    public static Vector256<T> Load(ref readonly T source) => Vector256.LoadUnsafe(in source);
    public static void Store(Vector256<T> value, ref T destination) => value.StoreUnsafe(ref destination);
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        // Without FMA hardware the fused form would be emulated one lane at a time; multiply then add instead.
        if (Fma.IsSupported && typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
