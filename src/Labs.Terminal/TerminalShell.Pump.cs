using System.Runtime.CompilerServices;

namespace Labs.Terminal;

/// <summary>Reading the shell (with flow control) and streaming its log to one viewer.</summary>
internal sealed partial class TerminalShell
{
    /// <summary>How long to wait for the exit status after the output stream ended before reporting it unknown.</summary>
    private static readonly TimeSpan s_exitStatusWait = TimeSpan.FromSeconds(30);

    /// <summary>Exit code reported when the shell's stream ended without a status.</summary>
    private const int UnknownExitCode = -1;

    private async Task PumpAsync(Func<TerminalShell, Task> ended)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var chunk in _exec.ReadOutputAsync(token))
            {
                if (chunk.Data.IsEmpty)
                {
                    continue;
                }

                await WaitForRoomAsync(token);
                Log.Append(chunk.Data.Span);
                PulseViewers();
                Record(r => r.Output(chunk.Data.Span));
            }

            int code;
            try
            {
                code = await _exec.Completion.WaitAsync(s_exitStatusWait, token);
            }
            catch (TimeoutException)
            {
                code = UnknownExitCode;
            }

            lock (_gate)
            {
                ExitCode ??= EndReason is null ? code : null;
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Ended from outside (EndAsync or shutdown): the reason is set already, or none is needed.
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                EndReason ??= $"The connection to your shell was lost ({ex.Message}). Press Reconnect for a new shell in the same home.";
            }
        }
        finally
        {
            lock (_gate)
            {
                EndReason ??= ExitCode is null ? "Your shell was closed: the platform is shutting down." : null;
            }

            await DisposeAsync();
            PulseViewers();
            Record(r => r.Dispose());
            await ended(this);
        }
    }

    /// <summary>Waits until every viewer is less than the flow window behind: this is what slows a flooding command down.</summary>
    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = _room.Next;
            if (Lag() < TerminalLimits.FlowWindowBytes)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The frames for one viewer: what the log holds from <paramref name="from"/> on (from its safe start, with a reset,
    /// when <paramref name="reset"/> says the browser's screen does not continue there), then whatever follows, until
    /// the shell ends (a last frame says how) or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<TerminalFrame> WatchAsync(TerminalViewer viewer, long from, bool reset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = from;
        var first = true;
        long inputReported = 0;
        while (true)
        {
            var changed = viewer.Changed.Next;
            // Ended is read before the log's end: the pump appends everything before it marks the shell ended.
            var ended = HasEnded;
            byte[] data;
            while (!Log.TryRead(cursor, TerminalLimits.MaxOutputMessageBytes, out data))
            {
                // Only a viewer that never acknowledges falls this far behind; it cannot continue, so it starts over.
                cursor = Log.SafeStart;
                reset = true;
            }

            var inputDone = viewer.InputDone;
            if (first || data.Length > 0 || inputDone - inputReported >= TerminalLimits.InputReportBytes)
            {
                viewer.Sent = cursor + data.Length;
                yield return new TerminalFrame(cursor, Convert.ToBase64String(data), first ? Id : null, reset, inputDone);
                cursor += data.Length;
                inputReported = inputDone;
                first = false;
                reset = false;
                continue;
            }

            if (ended)
            {
                yield return new TerminalFrame(cursor, string.Empty, InputDone: inputDone, Exit: ExitCode, Error: EndReason);
                yield break;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
