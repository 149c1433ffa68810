using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BackpropParity.TorchRef;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Where a reference run was recorded: the CPU, the widest vector instructions it runs, the code path MKL was pinned
/// to, and how many threads libtorch used. These decide libtorch's last bits: two machines that differ in any of them
/// may round differently (a fixture is a reference within rounding there), while one machine gives the same bits on
/// every run. Stored in a fixture's metadata and shown by <c>check-fixtures</c> and <c>regen</c>.
/// </summary>
public sealed record RecordingMachine(string Cpu, string VectorIsa, string MklCodePath, int LibTorchThreads)
{
    /// <summary>This machine, as libtorch runs here now.</summary>
    public static RecordingMachine Current()
    {
        TorchRuntime.EnsureLoaded();
        return new RecordingMachine(CpuName(), WidestVectorIsa(), TorchRuntime.MklCodePath, TorchRuntime.Threads);
    }

    /// <summary>"AMD EPYC (AuthenticAMD family 25 model 17), AVX-512, MKL AVX2, 1 libtorch thread".</summary>
    public override string ToString() =>
        $"{Cpu}, {VectorIsa}, MKL {MklCodePath}, {LibTorchThreads} libtorch thread{(LibTorchThreads == 1 ? "" : "s")}";

    private static string WidestVectorIsa() =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? "AVX-512"
        : Avx2.IsSupported ? "AVX2"
        : System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "NEON"
        : Vector128.IsHardwareAccelerated ? "SSE2"
        : "scalar";

    // Linux names the CPU in /proc/cpuinfo; the family and model numbers tell apart CPUs that a virtual machine names
    // alike ("AMD EPYC"). Elsewhere the architecture is all that is known without asking the OS more.
    private static string CpuName()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                var fields = new Dictionary<string, string>();
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.Length == 0) break;   // the first processor is enough
                    int colon = line.IndexOf(':');
                    if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
                }
                string model = fields.GetValueOrDefault("model name") ?? fields.GetValueOrDefault("Model") ?? "unknown CPU";
                string[] detail = [.. new[]
                {
                    fields.GetValueOrDefault("vendor_id"),
                    fields.TryGetValue("cpu family", out var family) ? $"family {family}" : null,
                    fields.TryGetValue("model", out var number) ? $"model {number}" : null,
                }.OfType<string>()];
                return detail.Length == 0 ? model : $"{model} ({string.Join(" ", detail)})";
            }
        }
        catch (IOException)
        {
            // fall through: unknown
        }
        catch (UnauthorizedAccessException)
        {
        }
        return $"unknown {RuntimeInformation.ProcessArchitecture} CPU";
    }
}
