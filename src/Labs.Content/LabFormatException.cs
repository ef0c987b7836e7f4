namespace Labs.Content;

/// <summary>
/// A lab's files are malformed. The message is <c>labs/ID/lab.md:LINE:COLUMN: what is wrong</c>, with the
/// position in the Markdown file itself, so editors and terminals can jump to it. When a lab has several problems,
/// <see cref="Problems"/> lists every one and the message has one line each; the position properties are the first's.
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
        Problems = [this];
    }

    private LabFormatException(IReadOnlyList<LabFormatException> problems)
        : base(string.Join('\n', problems.Select(p => p.Message)))
    {
        var first = problems[0];
        FilePath = first.FilePath;
        Line = first.Line;
        Column = first.Column;
        Reason = first.Reason;
        Problems = problems;
    }

    /// <summary>Display path of the file, e.g. <c>labs/deployments-101/lab.md</c>.</summary>
    public string FilePath { get; }

    /// <summary>1-based line in the file; 0 when the problem is about the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based column in the file; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>Every problem found, each with its own position; just this one for a single problem.</summary>
    public IReadOnlyList<LabFormatException> Problems { get; }

    /// <summary>One exception for several problems, sorted by file, line and column; the single problem itself for one.</summary>
    public static LabFormatException Combine(IEnumerable<LabFormatException> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var all = problems.SelectMany(p => p.Problems)
            .OrderBy(p => p.FilePath, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return all.Count switch
        {
            0 => throw new ArgumentException("There are no problems to combine.", nameof(problems)),
            1 => all[0],
            _ => new LabFormatException(all),
        };
    }

    private static string Format(string path, int line, int column, string reason) =>
        line <= 0 ? $"{path}: {reason}" : $"{path}:{line}:{Math.Max(column, 1)}: {reason}";
}
