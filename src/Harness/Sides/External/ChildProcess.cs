using System.Diagnostics;

namespace BackpropParity.Harness.Sides.External;

/// <summary>Runs a program to its end (or kills it at the timeout) and gives its exit code and what it printed.</summary>
public static class ChildProcess
{
    public static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", $"no answer within {timeout.TotalSeconds:0} s; killed");
            }
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, "", $"{file} could not be started ({exception.Message})");
        }
    }

    /// <summary>The last non-empty line of a program's output: where a traceback or an error message ends.</summary>
    public static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
