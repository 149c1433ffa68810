using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// The few vector operations the matrix-multiply micro-kernel needs, for one register width. The kernel is written
/// once against this interface; the JIT compiles a separate copy for each width (the implementations are structs),
/// so every call below becomes a single instruction.
/// </summary>
internal interface ISimd<T, TVector> where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct
{
    /// <summary>How many T one register holds.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Broadcast(T value);

    static abstract TVector Load(ref readonly T source);

    static abstract void Store(TVector value, ref T destination);

    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a·b + c, rounded once where the CPU has fused multiply-add.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
}

/// <summary>512-bit registers (AVX-512): 16 floats or 8 doubles.</summary>
internal readonly struct Simd512<T> : ISimd<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);
    public static Vector512<T> Load(ref readonly T source) => Vector512.LoadUnsafe(in source);
    public static void Store(Vector512<T> value, ref T destination) => value.StoreUnsafe(ref destination);
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}

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

/// <summary>The register width the kernels use on this CPU.</summary>
public enum SimdWidth
{
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}

public static class SimdWidths
{
    /// <summary>The widest width whose vectors the JIT maps to hardware registers here.</summary>
    public static SimdWidth Widest =>
        Vector512.IsHardwareAccelerated ? SimdWidth.Bits512 :
        Vector256.IsHardwareAccelerated ? SimdWidth.Bits256 : SimdWidth.Bits128;

    /// <summary>Every width this CPU runs in hardware, narrowest first (the kernel tests try each).</summary>
    public static IReadOnlyList<SimdWidth> Supported =>
        [.. new[] { SimdWidth.Bits128, SimdWidth.Bits256, SimdWidth.Bits512 }.Where(w => w <= Widest)];
}
