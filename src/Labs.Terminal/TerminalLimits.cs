namespace Labs.Terminal;

/// <summary>Size limits of the terminal stream, shared by the hub and the browser client.</summary>
public static class TerminalLimits
{
    /// <summary>
    /// Most characters accepted in one input item. The browser splits pastes into 4 KiB chunks, so only a
    /// misbehaving client reaches this.
    /// </summary>
    public const int MaxInputChars = 64 * 1024;

    /// <summary>Most output bytes sent in one frame (before base64); what is waiting is sent together up to it.</summary>
    public const int MaxOutputMessageBytes = 16 * 1024;

    /// <summary>
    /// Output a viewer may have received but not yet acknowledged (written to its screen) before the shell is read
    /// further. Small enough that Ctrl+C stops a flood at once, large enough for full speed on a loopback link; well
    /// under the smallest replay size, so what a viewer has not seen yet is never trimmed away.
    /// </summary>
    public const int FlowWindowBytes = 128 * 1024;

    /// <summary>
    /// A frame without output is sent to tell the browser its input arrived once this many characters are unreported
    /// (the browser keeps at most <c>4 ×</c> this in flight, so it never waits for a report that is not coming).
    /// </summary>
    public const int InputReportBytes = 16 * 1024;

    /// <summary>Largest terminal dimension accepted (columns or rows).</summary>
    public const int MaxDimension = 1000;

    /// <summary>Longest terminal id (the page names its tabs <c>1</c>, <c>2</c>, ...).</summary>
    public const int MaxTerminalIdLength = 32;

    /// <summary>
    /// Largest SignalR message the hub accepts: a full <see cref="MaxInputChars"/> input, JSON-escaped, plus framing.
    /// </summary>
    public const long MaxReceiveMessageBytes = 512 * 1024;
}
