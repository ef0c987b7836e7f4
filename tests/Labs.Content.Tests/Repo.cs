namespace Labs.Content.Tests;

/// <summary>Locates the repository checkout the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string LabsDirectory => Path.Combine(Root, "labs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Labs.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Labs.sln above {AppContext.BaseDirectory}.");
    }
}
