namespace Labs.Content;

/// <summary>Finds the default labs folder (see <see cref="ContentOptions.LabsDirectory"/>).</summary>
public static class LabsDirectoryLocator
{
    /// <summary>The marker file of the repository root.</summary>
    public const string SolutionFileName = "Labs.sln";

    /// <summary>
    /// Walks up from each start folder to the first that holds <c>Labs.sln</c> and returns its <c>labs</c>
    /// folder; falls back to <c>labs</c> under the current directory.
    /// </summary>
    public static string Locate(params IEnumerable<string?> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            if (string.IsNullOrWhiteSpace(start))
                continue;
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                    return Path.Combine(dir.FullName, "labs");
            }
        }
        return Path.GetFullPath("labs");
    }
}
