using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>128-bit registers (SSE, Arm NEON): 4 floats or 2 doubles; also the fallback everywhere else.</summary>
internal readonly struct Simd128<T> : ISimd<T, Vector128<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);
    public static Vector128<T> Load(ref readonly T source) => Vector128.LoadUnsafe(in source);
    public static void Store(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        bool fused = Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        if (fused && typeof(T) == typeof(float))
            return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (fused && typeof(T) == typeof(double))
            return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
