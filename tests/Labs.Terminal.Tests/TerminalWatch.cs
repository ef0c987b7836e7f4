using System.Collections.Concurrent;
using System.Text;

namespace Labs.Terminal.Tests;

/// <summary>
/// One browser's view of a terminal in tests: consumes <see cref="TerminalConnections.WatchAsync"/> in the background,
/// keeps every frame and (unless told not to) acknowledges output as a browser does once it is on screen.
/// </summary>
internal sealed class TerminalWatch : IAsyncDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly TerminalConnections _connections;
    private readonly Task _reading;

    private TerminalWatch(TerminalConnections connections, string connectionId, string learner, string session, string terminal, string? shell, long after, int columns, int rows, bool acknowledge)
    {
        _connections = connections;
        ConnectionId = connectionId;
        Session = session;
        Terminal = terminal;
        Learner = learner;
        _reading = Task.Run(async () =>
        {
            await foreach (var frame in connections.WatchAsync(connectionId, learner, session, terminal, shell, after, columns, rows, _stop.Token))
            {
                Frames.Enqueue(frame);
                if (acknowledge)
                {
                    connections.Acknowledge(connectionId, learner, session, terminal, frame.Seq + Convert.FromBase64String(frame.Data).Length);
                }
            }
        });
    }

    public string ConnectionId { get; }

    public string Session { get; }

    public string Terminal { get; }

    public string Learner { get; }

    public ConcurrentQueue<TerminalFrame> Frames { get; } = new();

    public bool Ended => _reading.IsCompleted;

    public TerminalFrame First => Frames.First();

    public TerminalFrame Last => Frames.Last();

    /// <summary>The output bytes received, joined.</summary>
    public byte[] Bytes => [.. Frames.SelectMany(f => Convert.FromBase64String(f.Data))];

    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>Sequence number after the last byte received.</summary>
    public long End => Frames.IsEmpty ? 0 : Frames.Max(f => f.Seq + Convert.FromBase64String(f.Data).Length);

    public static TerminalWatch Start(
        TerminalConnections connections, string connectionId, string learner = Fakes.FakeSessionRegistry.Owner, string session = "s-1", string terminal = "1",
        string? shell = null, long after = 0, int columns = 80, int rows = 24, bool acknowledge = true) =>
        new(connections, connectionId, learner, session, terminal, shell, after, columns, rows, acknowledge);

    /// <summary>The last sequence number acknowledged by hand.</summary>
    public long Acked { get; private set; }

    public void Acknowledge(long seq)
    {
        Acked = seq;
        _connections.Acknowledge(ConnectionId, Learner, Session, Terminal, seq);
    }

    /// <summary>Types into the terminal as this connection, through an input stream of these pieces.</summary>
    public Task TypeAsync(params string[] pieces) =>
        _connections.InputAsync(ConnectionId, Learner, Session, Terminal, pieces.ToAsyncEnumerable(), TestContext.Current.CancellationToken);

    public Task WaitForTextAsync(string text) => UntilAsync(() => Text.Contains(text, StringComparison.Ordinal), $"output containing '{text}'");

    /// <summary>Waits for the first frame (the shell is open).</summary>
    public Task OpenedAsync() => UntilAsync(() => !Frames.IsEmpty, "the first frame");

    public Task EndedAsync() => UntilAsync(() => Ended, "the end of the stream");

    /// <summary>Polls (generously: the test machine is busy) until the condition holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}. Frames: {string.Join(", ", Frames.Select(Describe))}");
            }

            await Task.Delay(10);
        }
    }

    private static string Describe(TerminalFrame f) =>
        $"[seq {f.Seq}, {Convert.FromBase64String(f.Data).Length} bytes, shell {f.Shell}, reset {f.Reset}, input {f.InputDone}, exit {f.Exit}, error {f.Error}]";

    /// <summary>Closes this view, as a closed page or dropped connection does.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }
}
