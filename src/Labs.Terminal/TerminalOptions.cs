using System.ComponentModel.DataAnnotations;

namespace Labs.Terminal;

/// <summary>Limits of the browser terminal. Bound from the configuration section <c>Terminal</c>.</summary>
public sealed class TerminalOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Terminal";

    /// <summary>
    /// Most shells one session may have at once (the page's terminal tabs; every browser tab showing the lab shares
    /// them); one more is refused with a message telling the learner to close one. Default 4.
    /// </summary>
    [Range(1, 100)]
    public int MaxShellsPerSession { get; set; } = 4;

    /// <summary>
    /// How long a shell lives with nobody watching it (every page showing it closed or disconnected) before it is
    /// ended; a page that comes back within this time finds the same shell. Default 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleShellTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Output bytes kept per shell and replayed to a page that opens it (after a reload, or in a second browser tab).
    /// Default 262144 (256 KiB).
    /// </summary>
    [Range(64 * 1024, 16 * 1024 * 1024)]
    public int ReplayBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Where each session's terminal recordings (asciicast v2, one file per shell) are kept. The web host sets
    /// <c>&lt;data directory&gt;/recordings</c>; null (the default of this library alone) records nothing.
    /// </summary>
    public string? RecordingsDirectory { get; set; }

    /// <summary>
    /// How long a session's recordings are kept after their last write; older ones are deleted (checked at start and
    /// every hour). Default 30 days; at least 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan RecordingRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Largest recording of one shell; a flood of output beyond it is not recorded. Default 67108864 (64 MiB).</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxRecordingBytes { get; set; } = 64L * 1024 * 1024;
}
