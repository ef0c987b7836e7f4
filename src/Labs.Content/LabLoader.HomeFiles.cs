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
        var entries = PlainFiles.Under(Path.Combine(labDirectory, HomeFilesFolder), $"{prefix}/{HomeFilesFolder}", problems);
        var files = entries.ConvertAll(e => new LabHomeFile(e.RelativePath, e.File.FullName, (e.File.UnixFileMode & UnixFileMode.UserExecute) != 0));
        var bytes = entries.Sum(e => e.File.Length);
        if (files.Count > MaxHomeFiles)
            problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}", 0, 0, $"holds {files.Count} files; at most {MaxHomeFiles} are copied into a learner's home"));
        if (bytes > MaxHomeFileBytes)
            problems.Try(() => throw new LabFormatException($"{prefix}/{HomeFilesFolder}", 0, 0, $"holds {bytes:N0} bytes; at most {MaxHomeFileBytes:N0} are copied into a learner's home"));
        return files;
    }
}
