namespace Labs.Terminal;

/// <summary>
/// One item of the <c>Output</c> stream the hub sends to a browser terminal.
/// </summary>
/// <param name="Seq">Sequence number of the first byte of <paramref name="Data"/> (its offset in the shell's output).</param>
/// <param name="Data">Output bytes, base64-encoded (may be empty).</param>
/// <param name="Shell">The shell's id, in the first frame of a stream: a browser resumes with it after a dropped connection.</param>
/// <param name="Reset">Clear the screen before writing <paramref name="Data"/>: the replay does not continue what the browser shows.</param>
/// <param name="InputDone">Input characters this connection sent that have reached the shell (the browser limits what is in flight).</param>
/// <param name="Exit">The shell exited with this code (the last frame).</param>
/// <param name="Error">Something the learner should read; the last frame.</param>
public sealed record TerminalFrame(long Seq, string Data, string? Shell = null, bool Reset = false, long InputDone = 0, int? Exit = null, string? Error = null);
