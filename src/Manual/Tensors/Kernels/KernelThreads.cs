using System.Runtime.ExceptionServices;

namespace BackpropParity.Manual.Tensors.Kernels;

/// <summary>
/// How many threads the matrix kernels use (default 1), and the threads themselves: started once, parked between
/// calls, so a training step allocates nothing and starts no thread. The caller's thread always does part 0.
/// Kernels split their output, never a sum, so every result is the same bit for bit whatever the count.
/// </summary>
public static class KernelThreads
{
    private static readonly object Gate = new();
    private static Worker[] _workers = [];
    private static int _count = 1;
    private static int _busy;               // 1 while a caller owns the workers
    private static ParallelWork? _work;
    private static int _parts;
    private static int _pending;            // parts not yet finished by workers
    private static ExceptionDispatchInfo? _failure;

    /// <summary>Threads the kernels may use, 1 to 256. Setting it starts any threads still missing.</summary>
    public static int Count
    {
        get => Volatile.Read(ref _count);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            lock (Gate)
            {
                if (value - 1 > _workers.Length)
                {
                    var workers = new Worker[value - 1];
                    _workers.CopyTo(workers, 0);
                    for (int i = _workers.Length; i < workers.Length; i++) workers[i] = new Worker(i + 1);
                    _workers = workers;
                }
                Volatile.Write(ref _count, value);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="parts"/> parts of <paramref name="work"/> (at most <see cref="Count"/>) and returns when all
    /// are done. If another caller is using the threads, runs every part on this thread instead.
    /// </summary>
    internal static void Run(ParallelWork work, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++) work.RunPart(part, parts);
            return;
        }
        try
        {
            Worker[] workers = _workers;
            parts = Math.Min(parts, workers.Length + 1);
            _work = work;
            _parts = parts;
            _failure = null;
            Volatile.Write(ref _pending, parts - 1);
            for (int i = 0; i < parts - 1; i++) workers[i].Start();
            try
            {
                work.RunPart(0, parts);
            }
            finally
            {
                // Even when part 0 threw: the workers must be done before the next caller may hand them work.
                var spinner = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
                _work = null;
            }
            _failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private sealed class Worker
    {
        // A training step alternates matrix products with short element-wise work; a worker that went to sleep after
        // each product would be woken (tens of microseconds on a virtual machine) eight times a step. So a worker spins,
        // watching for new work, for a while before it parks on its semaphore, as BLAS thread pools do.
        private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000;   // 200 µs

        private readonly SemaphoreSlim _wake = new(0);
        private readonly int _part;
        private long _posted;     // work items handed to this worker
        private int _sleeping;    // 1 while parked (or about to park) on _wake

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"kernel worker {part}" }.Start();
        }

        public void Start()
        {
            Interlocked.Increment(ref _posted);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            long done = 0;
            while (true)
            {
                WaitForWork(done);
                done++;
                try
                {
                    _work!.RunPart(_part, _parts);
                }
                catch (Exception exception)
                {
                    _failure = ExceptionDispatchInfo.Capture(exception);
                }
                Interlocked.Decrement(ref _pending);
            }
        }

        private void WaitForWork(long done)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _posted) == done)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() - start < SpinTicks)
                {
                    Thread.SpinWait(50);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping, 1);   // a full fence: the flag must be visible before _posted is read again
                if (Volatile.Read(ref _posted) != done)
                {
                    // Work arrived while going to sleep: if Start already took the flag it also released the
                    // semaphore, which must then be consumed to keep the count balanced.
                    if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                    return;
                }
                _wake.Wait();
                start = System.Diagnostics.Stopwatch.GetTimestamp();
            }
        }
    }
}
