namespace BackpropParity.Harness;

/// <summary>
/// Finds a file of this checkout (the fixtures folder, the PyTorch replay script) by walking up from the current
/// directory, then from the program's own folder, so the program works from the repository root and from bin/.
/// </summary>
public static class ProjectFolder
{
    /// <summary>The first folder, walking up, where <paramref name="relativePath"/> exists; null when none has it.</summary>
    public static string? Find(string relativePath)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (Path.Exists(Path.Combine(folder.FullName, relativePath)))
                    return folder.FullName;
        return null;
    }
}
