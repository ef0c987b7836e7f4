namespace Labs.Terminal;

/// <summary>One recorded shell of a session.</summary>
/// <param name="Name">The file name, as the recordings endpoint serves it.</param>
/// <param name="Terminal">The terminal (tab) the shell ran in.</param>
/// <param name="StartedAt">When the shell started.</param>
/// <param name="Bytes">Size of the recording so far.</param>
public sealed record TerminalRecording(string Name, string Terminal, DateTime StartedAt, long Bytes);
