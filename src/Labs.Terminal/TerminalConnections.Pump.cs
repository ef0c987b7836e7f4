using System.Threading.Channels;
using Labs.Kube;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Labs.Terminal;

/// <summary>Output relay: exec output → coalesced base64 <c>Output</c> messages → <c>Exited</c>.</summary>
public sealed partial class TerminalConnections
{
    /// <summary>How long to wait for the exit status after the output stream ended before reporting it unknown.</summary>
    private static readonly TimeSpan s_exitStatusWait = TimeSpan.FromSeconds(30);

    /// <summary>Exit code reported when the shell's stream ended without a status.</summary>
    private const int UnknownExitCode = -1;

    private async Task PumpAsync(TerminalBridge bridge, ReplayBuffer replay)
    {
        var token = bridge.Stopping;
        // Bounded: when the browser reads slowly, the exec stream is not read either, which slows the pod down
        // instead of buffering without limit here.
        var chunks = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var reading = ReadOutputAsync(bridge.Exec, chunks.Writer, replay, token);
        try
        {
            await SendOutputAsync(bridge.ConnectionId, chunks.Reader, token);
            int code;
            try
            {
                code = await bridge.Exec.Completion.WaitAsync(s_exitStatusWait, token);
            }
            catch (TimeoutException)
            {
                code = UnknownExitCode;
            }

            await _hub.Clients.Client(bridge.ConnectionId).SendAsync(TerminalClientMethods.Exited, code, token);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Detached on purpose (connection closed or re-attached): nobody is left to tell.
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Terminal stream for session {SessionId} failed", bridge.SessionId);
            await TrySendErrorAsync(bridge.ConnectionId, $"The connection to your shell was lost ({ex.Message}). Reconnect to open a new one.");
        }
        finally
        {
            // Only this bridge: the connection may already have re-attached to a new shell.
            _bridges.TryRemove(new KeyValuePair<string, TerminalBridge>(bridge.ConnectionId, bridge));
            await bridge.DisposeAsync();
            await reading;
        }
    }

    /// <summary>Copies exec output into <paramref name="writer"/>; a failure completes the channel with the exception.</summary>
    private static async Task ReadOutputAsync(IExecSession exec, ChannelWriter<byte[]> writer, ReplayBuffer replay, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in exec.ReadOutputAsync(cancellationToken))
            {
                if (chunk.Data.IsEmpty)
                {
                    continue;
                }

                replay.Append(chunk.Data.Span);
                await writer.WriteAsync(chunk.Data.ToArray(), cancellationToken);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>
    /// Sends what <paramref name="reader"/> yields, merging the chunks already waiting into one message of at most
    /// <see cref="TerminalLimits.MaxOutputMessageBytes"/>: a busy shell sends few large messages, an idle one
    /// sends each keystroke's echo at once.
    /// </summary>
    internal async Task SendOutputAsync(string connectionId, ChannelReader<byte[]> reader, CancellationToken cancellationToken)
    {
        var batch = new byte[TerminalLimits.MaxOutputMessageBytes];
        byte[]? pending = null;
        var pendingOffset = 0;
        while (pending is not null || await reader.WaitToReadAsync(cancellationToken))
        {
            var length = 0;
            while (length < batch.Length)
            {
                if (pending is null)
                {
                    if (!reader.TryRead(out pending))
                    {
                        break;
                    }

                    pendingOffset = 0;
                }

                var take = Math.Min(batch.Length - length, pending.Length - pendingOffset);
                pending.AsSpan(pendingOffset, take).CopyTo(batch.AsSpan(length));
                length += take;
                pendingOffset += take;
                if (pendingOffset == pending.Length)
                {
                    pending = null;
                }
            }

            if (length > 0)
            {
                await SendOutputAsync(connectionId, batch.AsSpan(0, length).ToArray(), cancellationToken);
            }
        }
    }

    private Task SendOutputAsync(string connectionId, byte[] data, CancellationToken cancellationToken) =>
        _hub.Clients.Client(connectionId).SendAsync(TerminalClientMethods.Output, Convert.ToBase64String(data), cancellationToken);

    private async Task SendReplayAsync(string connectionId, byte[] recent, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < recent.Length; offset += TerminalLimits.MaxOutputMessageBytes)
        {
            var length = Math.Min(TerminalLimits.MaxOutputMessageBytes, recent.Length - offset);
            await SendOutputAsync(connectionId, recent.AsSpan(offset, length).ToArray(), cancellationToken);
        }
    }

    private async Task TryResizeAsync(TerminalBridge bridge, int columns, int rows, CancellationToken cancellationToken)
    {
        try
        {
            await bridge.ResizeAsync(columns, rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || bridge.Stopping.IsCancellationRequested)
        {
            // A lost resize only leaves the shell at its old size; the output pump reports a dead stream.
            _logger.LogDebug(ex, "Resize for connection {ConnectionId} failed", bridge.ConnectionId);
        }
    }

    /// <summary>Best effort from the background pump: the browser may be gone too.</summary>
    private async Task TrySendErrorAsync(string connectionId, string message)
    {
        try
        {
            await SendErrorAsync(connectionId, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Could not report an error to connection {ConnectionId}", connectionId);
        }
    }

    private Task SendErrorAsync(string connectionId, string message, CancellationToken cancellationToken) =>
        _hub.Clients.Client(connectionId).SendAsync(TerminalClientMethods.Error, message, cancellationToken);
}
