namespace Labs.Cli.Tests;

/// <summary>The repository's labs folder, found by walking up to Labs.sln.</summary>
internal static class Repo
{
    public static string LabsDirectory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Labs.sln")))
                return Path.Combine(dir.FullName, "labs");
        }
        throw new InvalidOperationException($"No Labs.sln above {AppContext.BaseDirectory}.");
    }
}
