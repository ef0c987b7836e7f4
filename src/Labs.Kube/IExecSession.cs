namespace Labs.Kube;

/// <summary>
/// A running exec stream. Output arrives through <see cref="ReadOutputAsync"/>; the session ends when the
/// command exits (see <see cref="Completion"/>) or when it is disposed.
/// </summary>
public interface IExecSession : IAsyncDisposable
{
    /// <summary>Sends bytes to the command's standard input.</summary>
    Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Tells the terminal its new size in columns and rows.</summary>
    Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default);

    /// <summary>Closes standard input (the command sees end of file).</summary>
    Task CloseStdinAsync(CancellationToken cancellationToken = default);

    /// <summary>Output chunks in arrival order: stdout (and stderr without a TTY), until the command exits.</summary>
    IAsyncEnumerable<ExecOutput> ReadOutputAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes with the command's exit code once the server reports the final status.</summary>
    Task<int> Completion { get; }
}
