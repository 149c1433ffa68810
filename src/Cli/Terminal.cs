using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary>
/// The console the program writes to. When output goes to a file or a CI log there is no terminal width to
/// follow, and Spectre's default of 80 columns would wrap every table row and message; there, nothing is wrapped
/// (tables are as wide as their contents; a line of a log is one problem).
/// </summary>
public static class Terminal
{
    private const int RedirectedWidth = 4096;

    public static IAnsiConsole Console { get; internal set; } = Create();   // tests redirect it

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (System.Console.IsOutputRedirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
