namespace Labs.Cluster.Access;

/// <summary>Reads and writes the secrets kept in the data directory, readable by the owner only.</summary>
internal static class SecureFile
{
    /// <summary>Writes <paramref name="content"/> to a new file with mode 0600 (on Unix), replacing any old one.</summary>
    public static void WriteAllText(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Write next to the target then move, so a crash never leaves a half-written key behind;
        // the mode is set at creation so the secret is never readable by others, even briefly.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode does not apply when the temporary file already existed.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a secret file, trimmed, or throws a message naming the file when it cannot.</summary>
    public static string ReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read '{path}': {e.Message}. Fix its permissions, or delete it to have a new one generated.", e);
        }
    }
}
