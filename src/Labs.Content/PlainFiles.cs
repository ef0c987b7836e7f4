namespace Labs.Content;

/// <summary>
/// The files of a folder of a lab library that the platform hands out (a lab's <c>files/</c>, a chart of the chart
/// repository): plain files and folders only. A symbolic link anywhere, the folder itself included, is a problem and
/// is never followed, so no link can carry a host file (<c>/etc/shadow</c>) to a learner.
/// </summary>
internal static class PlainFiles
{
    /// <summary>A file found: its path under the folder with <c>/</c> separators, and the file.</summary>
    public sealed record Entry(string RelativePath, FileInfo File);

    /// <summary>
    /// Every file under <paramref name="root"/> in ordinal path order (empty when it does not exist); each link is a
    /// problem named <c>DISPLAY/PATH: is a symbolic link</c>.
    /// </summary>
    public static List<Entry> Under(string root, string display, LabProblems problems)
    {
        var files = new List<Entry>();
        if (!Directory.Exists(root))
            return files;
        if (new DirectoryInfo(root).LinkTarget is not null)
        {
            problems.Try(() => throw new LabFormatException(display, 0, 0, "is a symbolic link; it must be a plain folder of the library"));
            return files;
        }

        var folders = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos("*", options))
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (entry.LinkTarget is not null)
                    problems.Try(() => throw new LabFormatException($"{display}/{relative}", 0, 0, "is a symbolic link; only plain files and folders are allowed here"));
                else if (entry is DirectoryInfo subfolder)
                    folders.Push(subfolder);
                else if (entry is FileInfo file)
                    files.Add(new Entry(relative, file));
            }
        }

        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.RelativePath, b.RelativePath));
        return files;
    }
}
