using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>An element-wise operation over any contiguous range of its elements.</summary>
internal interface IElementRange
{
    void Run(int start, int end);
}

/// <summary>
/// Runs an element-wise operation over all its elements, cut into equal ranges for the kernel threads when there are
/// enough elements to be worth it (element-wise work involves no sums, so the result does not depend on the cut).
/// </summary>
internal static class ElementRanges
{
    /// <summary>Elements below which a range is not worth a thread: about 10 µs of work.</summary>
    public const int MinimumPerThread = 1 << 15;

    public static void Run<TRange>(int length, TRange range) where TRange : struct, IElementRange
    {
        int parts = Math.Min(KernelThreads.Count, length / MinimumPerThread);
        if (parts <= 1)
        {
            range.Run(0, length);
            return;
        }
        var job = RangeJob<TRange>.ForThisThread;
        job.Set(range, length);
        KernelThreads.Run(job, parts);
        job.Clear();
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/>, cut at multiples of 64 elements (whole registers).</summary>
    public static (int Start, int End) Slice(int length, int part, int parts)
    {
        int blocks = (length + 63) / 64;
        int start = (int)((long)blocks * part / parts) * 64, end = (int)((long)blocks * (part + 1) / parts) * 64;
        return (Math.Min(start, length), Math.Min(end, length));
    }

    /// <summary>One range operation handed to the kernel threads; one per calling thread and operation type, reused.</summary>
    private sealed class RangeJob<TRange> : ParallelWork where TRange : struct, IElementRange
    {
        [ThreadStatic] private static RangeJob<TRange>? _forThisThread;
        public static RangeJob<TRange> ForThisThread => _forThisThread ??= new RangeJob<TRange>();

        private TRange _range;
        private int _length;

        public void Set(TRange range, int length) => (_range, _length) = (range, length);

        public void Clear() => _range = default;

        public override void RunPart(int part, int parts)
        {
            var (start, end) = Slice(_length, part, parts);
            if (start < end) _range.Run(start, end);
        }
    }
}

// The ranges below copy their arrays and function into locals first: read through the struct, every store to y could
// (for all the JIT knows) change them, and it reloaded and re-checked them on every register. The one check on entry
// stands for the per-element bounds checks the references skip.

/// <summary>y[i] = f(x[i]) over a range, a register at a time.</summary>
internal readonly struct MapRange<T, TFunction>(T[] x, T[] y, TFunction f) : IElementRange
    where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IUnaryFunction<T>
{
    public void Run(int start, int end)
    {
        if (start < 0 || end > x.Length || end > y.Length) throw new ArgumentOutOfRangeException(nameof(start), $"The range [{start}, {end}) is outside the operands.");
        ref T input = ref MemoryMarshal.GetArrayDataReference(x);
        ref T output = ref MemoryMarshal.GetArrayDataReference(y);
        TFunction function = f;
        nint i = start;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                function.Apply(Vector.LoadUnsafe(ref input, (nuint)i)).StoreUnsafe(ref output, (nuint)i);
        }
        for (; i < end; i++) Unsafe.Add(ref output, i) = function.Apply(Unsafe.Add(ref input, i));
    }
}

/// <summary>y[i] = f(x[i], z[i]) over a range, a register at a time.</summary>
internal readonly struct ZipRange<T, TFunction>(T[] x, T[] z, T[] y, TFunction f) : IElementRange
    where T : unmanaged, IFloatingPointIeee754<T> where TFunction : struct, IBinaryFunction<T>
{
    public void Run(int start, int end)
    {
        if (start < 0 || end > x.Length || end > z.Length || end > y.Length) throw new ArgumentOutOfRangeException(nameof(start), $"The range [{start}, {end}) is outside the operands.");
        ref T first = ref MemoryMarshal.GetArrayDataReference(x);
        ref T second = ref MemoryMarshal.GetArrayDataReference(z);
        ref T output = ref MemoryMarshal.GetArrayDataReference(y);
        TFunction function = f;
        nint i = start;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                function.Apply(Vector.LoadUnsafe(ref first, (nuint)i), Vector.LoadUnsafe(ref second, (nuint)i)).StoreUnsafe(ref output, (nuint)i);
        }
        for (; i < end; i++) Unsafe.Add(ref output, i) = function.Apply(Unsafe.Add(ref first, i), Unsafe.Add(ref second, i));
    }
}

/// <summary>y[i] −= α·x[i] over a range (α·x rounded first, as the one-at-a-time loop rounds it).</summary>
internal readonly struct SubtractScaledRange<T>(T[] y, T alpha, T[] x) : IElementRange where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(int start, int end)
    {
        if (start < 0 || end > x.Length || end > y.Length) throw new ArgumentOutOfRangeException(nameof(start), $"The range [{start}, {end}) is outside the operands.");
        ref T target = ref MemoryMarshal.GetArrayDataReference(y);
        ref T step = ref MemoryMarshal.GetArrayDataReference(x);
        T scale = alpha;
        nint i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var scales = new Vector<T>(scale);
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                (Vector.LoadUnsafe(ref target, (nuint)i) - scales * Vector.LoadUnsafe(ref step, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < end; i++) Unsafe.Add(ref target, i) -= scale * Unsafe.Add(ref step, i);
    }
}
