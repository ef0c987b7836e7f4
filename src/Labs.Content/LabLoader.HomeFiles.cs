namespace Labs.Content;

public sealed partial class LabLoader
{
    /// <summary>The folder of a lab whose files are copied into the learner's home at setup (a Helm chart, a values file).</summary>
    public const string HomeFilesFolder = "files";

    /// <summary>Most files a lab may copy into a home.</summary>
    public const int MaxHomeFiles = 500;

    /// <summary>Most bytes a lab may copy into a home, all files together.</summary>
    public const long MaxHomeFileBytes = 4L * 1024 * 1024;

    /// <summary>
    /// Every file under <c>files/</c>, in path order. Links are refused (a link could copy any host file into a learner's
    /// home), and so are more than <see cref="MaxHomeFiles"/> files or <see cref="MaxHomeFileBytes"/> bytes.
    /// </summary>
    private static List<LabHomeFile> HomeFiles(string labDirectory, string prefix, LabProblems problems)
    {
        var root = Path.Combine(labDirectory, HomeFilesFolder);
        var files = new List<LabHomeFile>();
        if (!System.IO.Directory.Exists(root))
            return files;
        if (new DirectoryInfo(root).LinkTarget is not null)
        {
            problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}", 0, 0, "is a symbolic link; files/ must be a plain folder of the lab"));
            return files;
        }

        long bytes = 0;
        var folders = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos("*", options))
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (entry.LinkTarget is not null)
                    problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}/{relative}", 0, 0, "is a symbolic link; files/ may only hold plain files and folders"));
                else if (entry is DirectoryInfo subfolder)
                    folders.Push(subfolder);
                else if (entry is FileInfo file)
                {
                    bytes += file.Length;
                    files.Add(new LabHomeFile(relative, file.FullName, (file.UnixFileMode & UnixFileMode.UserExecute) != 0));
                }
            }
        }

        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.RelativePath, b.RelativePath));
        if (files.Count > MaxHomeFiles)
            problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}", 0, 0, $"holds {files.Count} files; at most {MaxHomeFiles} are copied into a learner's home"));
        if (bytes > MaxHomeFileBytes)
            problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}", 0, 0, $"holds {bytes:N0} bytes; at most {MaxHomeFileBytes:N0} are copied into a learner's home"));
        return files;
    }
}
