namespace Labs.Cli.Commands;

/// <summary>Finds the labs folder a command works on, and says clearly when it is not there.</summary>
internal static class LabsDirectory
{
    /// <summary>The folder given, or <c>labs</c> in the current directory.</summary>
    public static string Resolve(string? given) => Path.GetFullPath(string.IsNullOrWhiteSpace(given) ? "labs" : given);

    /// <summary>Writes the problem when the folder is missing; true when it exists.</summary>
    public static bool Exists(string directory, TextWriter errors)
    {
        if (Directory.Exists(directory))
            return true;
        errors.WriteLine($"error: the labs folder '{directory}' does not exist; give the folder that holds the lab folders, e.g. labs test labs/");
        return false;
    }
}
