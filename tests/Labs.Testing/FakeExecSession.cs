using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Labs.Kube;

namespace Labs.Testing;

/// <summary>
/// A command in a pod, played by the test: it echoes stdin to stdout (unless <see cref="Echo"/> is off), records
/// resizes, and prints and exits when told to (<see cref="Print(string)"/>, <see cref="Exit"/>) or, for a scripted
/// one (<see cref="Scripted"/>), once stdin is closed.
/// </summary>
public sealed class FakeExecSession : IExecSession
{
    private readonly Channel<ExecOutput> _output = Channel.CreateUnbounded<ExecOutput>();
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MemoryStream _stdin = new();
    private readonly Lock _gate = new();
    private (string Output, int ExitCode)? _script;

    /// <summary>A command that reads all of stdin, then prints <paramref name="output"/> and exits with <paramref name="exitCode"/>.</summary>
    public static FakeExecSession Scripted(string output, int exitCode) => new() { Echo = false, _script = (output, exitCode) };

    public ConcurrentQueue<(int Columns, int Rows)> Resizes { get; } = new();

    public bool Echo { get; set; } = true;

    public bool Disposed { get; private set; }

    public bool StdinClosed { get; private set; }

    public string StdinText
    {
        get
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_stdin.ToArray());
            }
        }
    }

    public Task<int> Completion => _completion.Task;

    /// <summary>Queues output as if the command printed it.</summary>
    public void Print(string text) => Print(Encoding.UTF8.GetBytes(text));

    public void Print(byte[] data) => _output.Writer.TryWrite(new ExecOutput(1, data));

    /// <summary>Ends the output stream and reports the exit code, like a shell that ran <c>exit</c>.</summary>
    public void Exit(int code)
    {
        _output.Writer.TryComplete();
        _completion.TrySetResult(code);
    }

    /// <summary>Breaks the output stream, like a dropped connection to the API server.</summary>
    public void Fail(string message) => _output.Writer.TryComplete(new IOException(message));

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        lock (_gate)
        {
            _stdin.Write(data.Span);
        }

        if (Echo)
        {
            _output.Writer.TryWrite(new ExecOutput(1, data.ToArray()));
        }

        return Task.CompletedTask;
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default)
    {
        Resizes.Enqueue((columns, rows));
        return Task.CompletedTask;
    }

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        StdinClosed = true;
        if (_script is var (output, exitCode))
        {
            Print(output);
            Exit(exitCode);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ExecOutput> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in _output.Reader.ReadAllAsync(cancellationToken))
        {
            yield return chunk;
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _output.Writer.TryComplete();
        _completion.TrySetCanceled();
        return ValueTask.CompletedTask;
    }
}
