namespace Labs.Kube;

/// <summary>One chunk of a command's output.</summary>
/// <param name="Stream">1 for stdout, 2 for stderr (the exec channel numbers).</param>
/// <param name="Data">The bytes as the server sent them.</param>
public sealed record ExecOutput(int Stream, ReadOnlyMemory<byte> Data);
