using BackpropParity.Harness.Scenarios.Files;
using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary>
/// <c>new TEMPLATE [-o FILE] [--hidden N] [--optimizer sgd] [--lr X] [--steps N]</c>: writes a commented starter
/// scenario file. Its id is the file's name. An existing file is never overwritten.
/// </summary>
public static class NewCommand
{
    public static int Execute(string template, string? output, ScenarioTemplates.Choices choices)
    {
        string path = output ?? template + ScenarioFile.Extension;
        if (!path.EndsWith(ScenarioFile.Extension, StringComparison.OrdinalIgnoreCase))
            throw new BadInputException($"--output {path}: a scenario file's name ends in {ScenarioFile.Extension}");
        string id = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        if (!ScenarioFile.IsValidId(id))
            throw new BadInputException($"{path}: the file's name is the scenario's id; use lower-case letters, digits, '-', '_' or '.'");
        string text = ScenarioTemplates.Text(template, id, choices);
        if (File.Exists(path) || Directory.Exists(path))
            throw new BadInputException($"{path} already exists; choose another name with --output, or delete it first");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var stream = new FileStream(path, FileMode.CreateNew))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        Terminal.Console.MarkupLine(Markup.Escape($"Wrote {path} ({template}). Next: `backprop-parity regen {path}`, then `backprop-parity run {path}`."));
        return Program.Agree;
    }
}
