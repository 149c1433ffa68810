using BackpropParity.Harness.Reports;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace BackpropParity.Bench;

/// <summary>
/// Benchmarks: `dotnet run -c Release --project bench/BackpropParity.Bench -- --filter '*'`. Speed targets live here,
/// not in timed unit tests. With `--docs`, each benchmark class's table (BenchmarkDotNet's GitHub markdown, with the
/// machine it ran on) is written into docs/benchmarks.md between its markers, so the page shows one run's measurements
/// and nothing typed by hand.
/// </summary>
public static class Program
{
    private const string DocsFlag = "--docs";

    public static void Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != DocsFlag).ToArray()).ToList();
        if (!args.Contains(DocsFlag)) return;

        string page = Path.Combine(BackpropParity.Cli.DocsCommand.DocsFolder(), "benchmarks.md");
        var tables = new Dictionary<string, string>();
        foreach (var summary in summaries.Where(s => s.BenchmarksCases.Length > 0))
        {
            var log = new AccumulationLogger();
            MarkdownExporter.GitHub.ExportToLog(summary, log);
            Type type = summary.BenchmarksCases[0].Descriptor.Type;
            string name = DocTable.BenchmarkPrefix + type.Name.Split('`')[0];
            string label = type.IsGenericType ? $"`{type.Name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}>`\n" : "";
            tables[name] = (tables.TryGetValue(name, out string? earlier) ? earlier + "\n" : "") + label + log.GetLog();
        }
        string text = DocTable.RewriteText(File.ReadAllText(page), tables);
        File.WriteAllText(page + ".tmp", text);
        File.Move(page + ".tmp", page, overwrite: true);
        Console.WriteLine($"wrote {tables.Count} benchmark tables into {page}");
    }
}
