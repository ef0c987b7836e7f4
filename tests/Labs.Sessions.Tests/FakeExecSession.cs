using System.Runtime.CompilerServices;
using System.Text;
using Labs.Kube;

namespace Labs.Sessions.Tests;

/// <summary>An exec that records its stdin and answers with fixed output and exit code once stdin closes.</summary>
internal sealed class FakeExecSession(string output, int exitCode) : IExecSession
{
    private readonly TaskCompletionSource _stdinClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StringBuilder Stdin { get; } = new();

    public Task<int> Completion => _stdinClosed.Task.ContinueWith(_ => exitCode, TaskScheduler.Default);

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Stdin.Append(Encoding.UTF8.GetString(data.Span));
        return Task.CompletedTask;
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        _stdinClosed.TrySetResult();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ExecOutput> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _stdinClosed.Task.WaitAsync(cancellationToken);
        yield return new ExecOutput(1, Encoding.UTF8.GetBytes(output));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
