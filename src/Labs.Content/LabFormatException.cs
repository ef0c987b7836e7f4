namespace Labs.Content;

/// <summary>
/// A lab's files are malformed. The message is <c>labs/ID/lab.md:LINE:COLUMN: what is wrong</c>, with the
/// position in the Markdown file itself, so editors and terminals can jump to it.
/// </summary>
public sealed class LabFormatException : Exception
{
    /// <summary>Creates the exception for a position in a lab file.</summary>
    /// <param name="path">Display path, e.g. <c>labs/deployments-101/lab.md</c>.</param>
    /// <param name="line">1-based line; 0 when the problem is about the file as a whole.</param>
    /// <param name="column">1-based column; 0 when unknown.</param>
    /// <param name="reason">What is wrong, as a sentence fragment without the position.</param>
    public LabFormatException(string path, int line, int column, string reason)
        : base(Format(path, line, column, reason))
    {
        FilePath = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Display path of the file, e.g. <c>labs/deployments-101/lab.md</c>.</summary>
    public string FilePath { get; }

    /// <summary>1-based line in the file; 0 when the problem is about the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based column in the file; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    private static string Format(string path, int line, int column, string reason) =>
        line <= 0 ? $"{path}: {reason}" : $"{path}:{line}:{Math.Max(column, 1)}: {reason}";
}
