using BackpropParity.Harness.Scenarios;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BackpropParity.Bench;

/// <summary>The training-step benchmarks' extra columns: throughput and share of the core's measured FMA peak.</summary>
public sealed class StepConfig : ManualConfig
{
    public StepConfig()
    {
        AddColumn(new ThroughputColumn(percentOfPeak: false), new ThroughputColumn(percentOfPeak: true));
    }

    private sealed class ThroughputColumn(bool percentOfPeak) : IColumn
    {
        public string Id => percentOfPeak ? "PercentOfPeak" : "GFlops";
        public string ColumnName => percentOfPeak ? "% of peak" : "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => percentOfPeak ? 1 : 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => percentOfPeak
            ? "GFLOP/s divided by (threads × one core's measured FMA peak in this dtype)"
            : "floating-point operations of one step (linear layers) divided by the mean time";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (meanNanoseconds is null || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IStepBenchmark step) return "-";
            if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Threads")?.Value is int threads)
                step = new WithThreads(step, threads);
            double gflops = step.Flops / meanNanoseconds.Value;
            if (!percentOfPeak) return gflops.ToString("F1");
            double peak = FmaPeak.GflopsPerCore(step.DType) * step.ThreadCount;
            return (100 * gflops / peak).ToString("F1");
        }

        private sealed record WithThreads(IStepBenchmark Inner, int ThreadCount) : IStepBenchmark
        {
            public DType DType => Inner.DType;
            public long Flops => Inner.Flops;
        }
    }
}
