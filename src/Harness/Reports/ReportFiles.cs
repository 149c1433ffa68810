namespace BackpropParity.Harness.Reports;

/// <summary>
/// Writes a run's reports into one folder: <c>report.md</c>, <c>report.json</c> and, for every pair that failed or
/// drifted, PNG plots. Every file is written to a temporary name first and renamed, so a reader never sees half of one.
/// </summary>
public static class ReportFiles
{
    public const string Markdown = "report.md", Json = "report.json";

    /// <summary>
    /// Fails with one line unless <paramref name="directory"/> is, or can be made, a folder this process can write to:
    /// checked before a run, so a typo does not cost the run.
    /// </summary>
    /// <exception cref="BadInputException">it is a file, or cannot be created or written.</exception>
    public static void CheckWritable(string directory)
    {
        if (File.Exists(directory)) throw new BadInputException($"--report {directory}: is a file; give a folder for report.md, report.json and the plots.");
        string probe = Path.Combine(directory, $".write-check-{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BadInputException($"--report {directory}: cannot write there ({exception.Message})");
        }
    }

    /// <summary>Writes everything; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>
        {
            WriteText(Path.Combine(directory, Markdown), MarkdownReport.Render(results)),
            WriteText(Path.Combine(directory, Json), JsonReport.Render(results)),
        };
        written.AddRange(PlotReport.Write(directory, results));
        return written;
    }

    private static string WriteText(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
