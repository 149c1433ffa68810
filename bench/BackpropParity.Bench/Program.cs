using BenchmarkDotNet.Running;

namespace BackpropParity.Bench;

/// <summary>
/// Benchmarks: `dotnet run -c Release --project bench/BackpropParity.Bench -- --filter '*'`.
/// Speed targets live here, not in timed unit tests.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
