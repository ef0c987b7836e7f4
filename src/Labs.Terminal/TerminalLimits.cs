namespace Labs.Terminal;

/// <summary>Size limits of the terminal stream, shared by the hub and the browser client.</summary>
public static class TerminalLimits
{
    /// <summary>
    /// Most characters accepted in one <c>Input</c> call. The browser splits pastes into 4 KiB chunks, so only a
    /// misbehaving client reaches this.
    /// </summary>
    public const int MaxInputChars = 64 * 1024;

    /// <summary>Most output bytes sent in one <c>Output</c> message (before base64); small chunks are coalesced up to it.</summary>
    public const int MaxOutputMessageBytes = 16 * 1024;

    /// <summary>Output bytes remembered per session and replayed on re-attach, so a page reload shows the recent screen.</summary>
    public const int ReplayBufferBytes = 64 * 1024;

    /// <summary>Largest terminal dimension accepted (columns or rows).</summary>
    public const int MaxDimension = 1000;

    /// <summary>
    /// Largest SignalR message the hub accepts: a full <see cref="MaxInputChars"/> input, JSON-escaped, plus framing.
    /// </summary>
    public const long MaxReceiveMessageBytes = 512 * 1024;
}
