namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Where fixtures live: the folder given on the command line (<c>--fixtures</c>), else the one in
/// <c>BACKPROP_PARITY_FIXTURES</c>, else the <c>fixtures/</c> folder of the checkout, found by walking up from the
/// current directory and then from the program's own folder to the directory holding <c>BackpropParity.sln</c>,
/// else the <c>fixtures/</c> shipped beside the program (the .NET tool carries the built-in scenarios' fixtures).
/// </summary>
public sealed class FixtureStore(string directory)
{
    public const string EnvironmentVariable = "BACKPROP_PARITY_FIXTURES";

    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathFor(string scenarioId) => Path.Combine(Directory, scenarioId + FixtureFile.Extension);

    /// <summary>The command that rewrites a scenario's fixture, for messages that tell the user what to do.</summary>
    public static string RegenerateCommand(string scenarioId) => $"dotnet run --project src/Cli -- regen {scenarioId}";

    public static FixtureStore Locate(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory)) return new FixtureStore(explicitDirectory);
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return new FixtureStore(fromEnvironment);

        if (ProjectFolder.Find("BackpropParity.sln") is string root)
            return new FixtureStore(Path.Combine(root, "fixtures"));
        string shipped = Path.Combine(AppContext.BaseDirectory, "fixtures");
        if (System.IO.Directory.Exists(shipped)) return new FixtureStore(shipped);
        throw new BadInputException(
            $"Cannot find the fixtures folder: no BackpropParity.sln above {System.IO.Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. " +
            $"Pass --fixtures DIR or set {EnvironmentVariable}.");
    }
}
