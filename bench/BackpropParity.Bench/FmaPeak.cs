using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Bench;

/// <summary>
/// This core's measured peak: GFLOP/s of a loop that does nothing but fused multiply-adds, 12 independent chains on
/// the widest registers (enough to cover the FMA latency on both units). The "% of peak" column divides by it.
/// </summary>
public static class FmaPeak
{
    private static readonly Dictionary<DType, double> Measured = [];

    public static double GflopsPerCore(DType dtype)
    {
        lock (Measured)
        {
            if (!Measured.TryGetValue(dtype, out double peak))
            {
                _ = Measure(dtype, 1_000_000);   // compile and warm
                peak = Enumerable.Range(0, 5).Max(_ => Measure(dtype, 20_000_000));
                Measured[dtype] = peak;
            }
            return peak;
        }
    }

    private static double Measure(DType dtype, int iterations)
    {
        var clock = Stopwatch.StartNew();
        int lanes = dtype == DType.Float32 ? Chains(Vector512.Create(1f), Vector512.Create(0.999999f), iterations)
                                           : Chains(Vector512.Create(1.0), Vector512.Create(0.999999), iterations);
        double seconds = clock.Elapsed.TotalSeconds;
        return 12.0 * 2 * lanes * iterations / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Chains<T>(Vector512<T> start, Vector512<T> scale, int iterations) where T : unmanaged
    {
        Vector512<T> a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start;
        Vector512<T> a6 = start, a7 = start, a8 = start, a9 = start, a10 = start, a11 = start;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma(a0, scale); a1 = Fma(a1, scale); a2 = Fma(a2, scale); a3 = Fma(a3, scale);
            a4 = Fma(a4, scale); a5 = Fma(a5, scale); a6 = Fma(a6, scale); a7 = Fma(a7, scale);
            a8 = Fma(a8, scale); a9 = Fma(a9, scale); a10 = Fma(a10, scale); a11 = Fma(a11, scale);
        }
        Vector512<T> all = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        GC.KeepAlive(all.ToString());   // keep the chains alive
        return Vector512<T>.Count;
    }

    // x·s + s: one fused multiply-add, dependent on the previous one in its chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> s) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(x.AsSingle(), s.AsSingle(), s.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(x.AsDouble(), s.AsDouble(), s.AsDouble()).As<double, T>();
    }
}
