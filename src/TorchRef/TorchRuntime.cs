using System.Runtime.InteropServices;
using TorchSharp;

namespace BackpropParity.TorchRef;

/// <summary>
/// Loads libtorch once, before anything else touches TorchSharp, and turns a failed load into an error that
/// says what is really wrong. (TorchSharp's own message blames a missing package reference whatever the cause,
/// and then copies half a gigabyte of native libraries into the output folder.)
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the native libraries and pins libtorch to one thread; returns the LibTorch version.</summary>
    /// <exception cref="TorchUnavailableException">when the native library cannot be loaded.</exception>
    public static string EnsureLoaded() => Loaded.Value;

    /// <summary>
    /// Threads libtorch uses inside one operation (intra-op, <c>torch.set_num_threads</c>); 1 unless set. More than one
    /// can change the order of a reduction, so parity runs keep 1; the benchmarks try 1 and 2.
    /// </summary>
    public static int Threads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            EnsureLoaded();
            torch.set_num_threads(value);
        }
    }

    /// <summary>TorchSharp's own version, for fixtures and reports.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>
    /// MKL's conditional numerical reproducibility branch in force (<c>MKL_CBWR</c>): the code path MKL's matrix multiply
    /// takes, pinned before libtorch loads so that the same product gives the same bits on every call (see
    /// <see cref="PinMklCodePath"/>). "AVX2" unless the user set MKL_CBWR, or the CPU lacks AVX2 ("COMPATIBLE").
    /// </summary>
    public static string MklCodePath { get; private set; } = "";

    private static string Load()
    {
        PinOpenMpToOneThread();
        PinMklCodePath();
        PreloadNativeLibrary();
        try
        {
            // One thread: stable step times here (with two, steps spike 30x) and a fixed summation order.
            torch.set_num_threads(1);
            return torch.__version__;
        }
        catch (TypeInitializationException exception)
        {
            throw new TorchUnavailableException(
                $"TorchSharp failed to initialise: {(exception.InnerException ?? exception).Message}", exception);
        }
    }

    // libtorch's OpenMP runtime reads OMP_NUM_THREADS from the C environment when it loads; set_num_threads(1)
    // alone leaves its idle workers spinning beside the one doing the work (about 25% slower steps on 2 cores here).
    // .NET's Environment.SetEnvironmentVariable does not reach the C environment on Unix, so call setenv. A value the
    // user has set is kept.
    private static void PinOpenMpToOneThread()
    {
        if (Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is null) SetNativeEnvironment("OMP_NUM_THREADS", "1");
    }

    // libtorch's float64 (and some float32) matrix products go through Intel MKL. MKL's default branch (AUTO) picks its
    // kernels at run time, and the same product of the same operands came out in two different bit patterns within one
    // process (3 and 5 of 8 runs, measured). Conditional Numerical Reproducibility (MKL_CBWR, read once when MKL starts)
    // pins one code path: then every call gives the same bits. AVX2 is the widest branch every x86-64 CPU this project
    // targets has (AVX2 or AVX-512), so the branch is also the same on every such machine; COMPATIBLE (SSE2) otherwise.
    // A value the user has set is kept.
    private static void PinMklCodePath()
    {
        string? chosen = Environment.GetEnvironmentVariable("MKL_CBWR");
        if (chosen is null)
        {
            chosen = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "AVX2" : "COMPATIBLE";
            SetNativeEnvironment("MKL_CBWR", chosen);
        }
        MklCodePath = chosen;
    }

    // .NET's Environment.SetEnvironmentVariable does not reach the C environment on Unix, which native libraries read.
    private static void SetNativeEnvironment(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.SetEnvironmentVariable(name, value);   // the process environment is the C runtime's there
            return;
        }
        try
        {
            _ = SetEnvironment(name, value, overwrite: 0);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to ask: leave the default.
        }
        Environment.SetEnvironmentVariable(name, value);   // and in .NET's view, for anyone who reads it back
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(string name, string value, int overwrite);

    // Loading libLibTorchSharp ourselves first surfaces the dynamic loader's own message (dlerror), which names
    // the missing library or symbol version. Once loaded, TorchSharp's own load finds the same handle.
    private static void PreloadNativeLibrary()
    {
        string fileName = OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
            : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib"
            : "libLibTorchSharp.so";
        string runtime = RuntimeInformation.RuntimeIdentifier;
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, fileName),
            Path.Combine(AppContext.BaseDirectory, "runtimes", runtime, "native", fileName),
            .. Directory.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes"))
                ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes"), fileName, SearchOption.AllDirectories)
                : [],
        ];
        string? path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
            throw new TorchUnavailableException(
                $"{fileName} is not in {AppContext.BaseDirectory}. LibTorch is restored only for the OS the project is " +
                "built on (Linux x64, Windows x64, macOS arm64); rebuild on this machine with `dotnet build`.");

        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException exception)
        {
            throw new TorchUnavailableException(Explain(path, exception.Message), exception);
        }
    }

    private static string Explain(string path, string loaderMessage)
    {
        string advice = loaderMessage.Contains("GLIBCXX", StringComparison.Ordinal)
            ? "This host's libstdc++ is older than the one LibTorchSharp was built with (GCC 13). The build marks that " +
              "requirement weak in the bin/ copy when only marker symbols need it (build/LibTorchSharpCompat.targets); " +
              "rebuild with `dotnet build` and look for its 'Marked GLIBCXX_... weak' line or warning, or install a " +
              "libstdc++ from GCC 13 or later."
            : "Check that the native libraries beside it (libtorch_cpu, libc10) were copied, and run `ldd` on it to see what is missing.";
        return $"Cannot load {path}: {loaderMessage.Trim()}\n{advice}";
    }
}
