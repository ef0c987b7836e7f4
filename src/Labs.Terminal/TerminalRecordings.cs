using System.Text.RegularExpressions;

namespace Labs.Terminal;

/// <summary>
/// Where the terminals' recordings live: <c>&lt;directory&gt;/&lt;session id&gt;/&lt;terminal&gt;-&lt;shell&gt;.cast</c>, one asciicast
/// v2 file per shell. Names are made here from validated ids only, and looked up only by that same pattern, so no
/// request reaches a file outside a session's folder.
/// </summary>
public sealed partial class TerminalRecordings
{
    /// <summary>"-", the shell id (16 hex digits) and ".cast" after the terminal id.</summary>
    private const int SuffixLength = 22;

    private readonly string? _directory;

    /// <summary>Recordings under <paramref name="directory"/>; none are kept when it is null.</summary>
    public TerminalRecordings(string? directory) => _directory = directory;

    /// <summary>Whether recordings are kept.</summary>
    public bool Enabled => _directory is not null;

    /// <summary>The file for a new shell's recording (null when recordings are off).</summary>
    internal string? PathFor(string sessionId, string terminalId, string shellId) =>
        _directory is null || !SafeName().IsMatch(sessionId) ? null : Path.Combine(_directory, sessionId, $"{terminalId}-{shellId}.cast");

    /// <summary>The session's recordings, oldest first.</summary>
    public IReadOnlyList<TerminalRecording> List(string sessionId)
    {
        var folder = Folder(sessionId);
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).EnumerateFiles("*.cast")
            .Where(f => RecordingName().IsMatch(f.Name))
            .OrderBy(f => f.CreationTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new TerminalRecording(f.Name, f.Name[..^SuffixLength], f.CreationTimeUtc, f.Length))];
    }

    /// <summary>Opens one recording of the session for reading, or null when there is no such recording.</summary>
    public FileStream? Open(string sessionId, string name)
    {
        var folder = Folder(sessionId);
        if (folder is null || !RecordingName().IsMatch(name))
        {
            return null;
        }

        var path = Path.Combine(folder, name);
        // Shared for writing: the shell may still be adding to it.
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite) : null;
    }

    /// <summary>
    /// Deletes every recording last written before <paramref name="cutoff"/>, and a session's folder once it holds
    /// nothing else; returns how many recordings went. Only names made here are touched: other files and folders stay.
    /// </summary>
    public int DeleteOlderThan(DateTimeOffset cutoff)
    {
        if (_directory is null || !Directory.Exists(_directory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var folder in new DirectoryInfo(_directory).EnumerateDirectories().Where(d => SafeName().IsMatch(d.Name) && d.LinkTarget is null))
        {
            foreach (var file in folder.EnumerateFiles("*.cast").Where(f => RecordingName().IsMatch(f.Name) && f.LastWriteTimeUtc < cutoff.UtcDateTime))
            {
                try
                {
                    file.Delete();
                    deleted++;
                }
                catch (IOException)
                {
                    // In use or gone already: the next sweep sees it again.
                }
            }

            if (!folder.EnumerateFileSystemInfos().Any())
            {
                try
                {
                    folder.Delete();
                }
                catch (IOException)
                {
                    // A shell of the session started a new recording meanwhile.
                }
            }
        }

        return deleted;
    }

    private string? Folder(string sessionId) =>
        _directory is null || !SafeName().IsMatch(sessionId) ? null : Path.Combine(_directory, sessionId);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}-[0-9a-f]{16}\\.cast$")]
    private static partial Regex RecordingName();
}
