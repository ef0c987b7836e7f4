using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Labs.Terminal;
using Microsoft.AspNetCore.SignalR.Client;

namespace Labs.Benchmarks;

/// <summary>
/// One terminal as the page drives it: the Output stream (acknowledged every 32 KiB, as xterm's write callback does in
/// the page), the Input stream, and a clock on when each output byte arrived.
/// </summary>
internal sealed class BenchTerminal : IAsyncDisposable
{
    private const int AckEvery = 32 * 1024;
    private readonly HubConnection _connection;
    private readonly string _session;
    private readonly string _terminal;
    private readonly Channel<string> _input = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly Lock _gate = new();
    private readonly StringBuilder _recent = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;

    private BenchTerminal(HubConnection connection, string session, string terminal)
    {
        _connection = connection;
        _session = session;
        _terminal = terminal;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Output bytes received so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<BenchTerminal> OpenAsync(HubConnection connection, string session, string terminal = "1")
    {
        var opened = new BenchTerminal(connection, session, terminal);
        // The prompt ends in "$ "; input goes to a shell that is open, as in the page.
        await opened.WaitForAsync("$ ", TimeSpan.FromMinutes(5));
        await connection.SendAsync("Input", session, terminal, opened._input.Reader);
        return opened;
    }

    public ValueTask TypeAsync(string text) => _input.Writer.WriteAsync(text);

    /// <summary>Waits until the recent output contains <paramref name="text"/>, then forgets the output up to it.</summary>
    public async Task WaitForAsync(string text, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var at = _recent.ToString().IndexOf(text, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _recent.Remove(0, at + text.Length);
                    return;
                }

                changed = _changed.Task;
            }

            if (_reading.IsCompleted)
            {
                await _reading;
                throw new InvalidOperationException($"The terminal ended before '{text}'.");
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Types one character and returns the time until its echo arrived.</summary>
    public async Task<TimeSpan> EchoAsync(char c)
    {
        var started = Stopwatch.GetTimestamp();
        await TypeAsync(c.ToString());
        await WaitForAsync(c.ToString(), TimeSpan.FromMinutes(1));
        return Stopwatch.GetElapsedTime(started);
    }

    private async Task ReadAsync()
    {
        long acked = 0;
        await foreach (var frame in _connection.StreamAsync<TerminalFrame>("Output", _session, _terminal, null, 0L, 120, 40, _stop.Token))
        {
            if (frame.Error is not null || frame.Exit is not null)
            {
                throw new InvalidOperationException($"The terminal ended: {frame.Error ?? $"exit {frame.Exit}"}");
            }

            var data = Convert.FromBase64String(frame.Data);
            var end = frame.Seq + data.Length;
            Interlocked.Add(ref _bytes, data.Length);
            lock (_gate)
            {
                // Only the tail matters for what the benchmarks wait for; a flood must not grow this.
                _recent.Append(Encoding.UTF8.GetString(data.AsSpan(Math.Max(0, data.Length - 4096))));
                if (_recent.Length > 64 * 1024)
                {
                    _recent.Remove(0, _recent.Length - 4096);
                }

                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (end - acked >= AckEvery)
            {
                acked = end;
                await _connection.SendAsync("Ack", _session, _terminal, end);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _input.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Stopped on purpose.
        }
    }
}
