namespace BackpropParity.Manual.Tensors.Kernels;

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
