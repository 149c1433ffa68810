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

    private static string Load()
    {
        PinOpenMpToOneThread();
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
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is not null) return;
        try
        {
            _ = SetEnvironment("OMP_NUM_THREADS", "1", overwrite: 0);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to ask: leave the default; only speed is at stake.
        }
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
