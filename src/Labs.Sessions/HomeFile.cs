namespace Labs.Sessions;

/// <summary>A file a lab puts into the learner's home at setup.</summary>
/// <param name="Path">Relative to the home, with <c>/</c> separators and no <c>..</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Executable">Whether it gets the execute bit.</param>
public sealed record HomeFile(string Path, ReadOnlyMemory<byte> Content, bool Executable);
