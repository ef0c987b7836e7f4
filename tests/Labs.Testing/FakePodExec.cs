using System.Collections.Concurrent;
using Labs.Kube;

namespace Labs.Testing;

/// <summary>Exec played by the test: each start returns the next queued <see cref="FakeExecSession"/>, or a new echoing one.</summary>
public sealed class FakePodExec : IPodExec
{
    private readonly ConcurrentQueue<FakeExecSession> _next = new();

    public ConcurrentQueue<ExecRequest> Requests { get; } = new();

    public ConcurrentQueue<FakeExecSession> Execs { get; } = new();

    /// <summary>When set, <see cref="StartAsync"/> throws it (e.g. the pod is not running yet).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Output the next shell prints as soon as it starts.</summary>
    public List<byte[]> InitialOutput { get; } = [];

    public FakeExecSession LastExec => Execs.Last();

    /// <summary>
    /// Answers a request before the queued sessions are looked at, when it returns a session (e.g. a command the
    /// code under test runs on its own, like writing a file, that a test does not script one by one).
    /// </summary>
    public Func<ExecRequest, FakeExecSession?>? Route { get; set; }

    /// <summary>The session the next start returns.</summary>
    public FakePodExec Then(FakeExecSession session)
    {
        _next.Enqueue(session);
        return this;
    }

    public Task<IExecSession> StartAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        if (Failure is not null)
        {
            throw Failure;
        }

        var exec = Route?.Invoke(request) ?? (_next.TryDequeue(out var queued) ? queued : new FakeExecSession());
        foreach (var chunk in InitialOutput)
        {
            exec.Print(chunk);
        }

        InitialOutput.Clear();
        Execs.Enqueue(exec);
        return Task.FromResult<IExecSession>(exec);
    }
}
