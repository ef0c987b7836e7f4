using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Labs.Terminal;

/// <summary>What the browser sends: keystrokes and pastes (a stream), and resizes.</summary>
public sealed partial class TerminalConnections
{
    /// <summary>
    /// Types each item of <paramref name="input"/> into the caller's terminal (UTF-8), in order, until the stream ends.
    /// The frames of the connection's output stream report how much has reached the shell.
    /// </summary>
    /// <exception cref="HubException">The terminal has no shell (or is not the caller's), an item is too large, or the shell ended.</exception>
    public async Task InputAsync(string connectionId, string? learnerId, string? sessionId, string? terminalId, IAsyncEnumerable<string> input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentNullException.ThrowIfNull(input);
        var shell = FindShell(learnerId, sessionId, terminalId) ?? throw new HubException(NotAttachedMessage);
        var viewer = shell.FindViewer(connectionId);
        try
        {
            await WriteAllAsync(shell, viewer, connectionId, input, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away: the end of its input, not an error.
        }
    }

    private async Task WriteAllAsync(TerminalShell shell, TerminalViewer? viewer, string connectionId, IAsyncEnumerable<string> input, CancellationToken cancellationToken)
    {
        await foreach (var text in input.WithCancellation(cancellationToken))
        {
            if (text.Length > TerminalLimits.MaxInputChars)
            {
                throw new HubException(
                    $"Input too large: {text.Length} characters in one piece, at most {TerminalLimits.MaxInputChars} are accepted. Paste in smaller pieces.");
            }

            try
            {
                await shell.WriteStdinAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogInformation(ex, "Input to shell {Terminal} of session {SessionId} could not be written", shell.TerminalId, shell.SessionId);
                throw new HubException("Your input could not reach the shell: it has ended. Press Reconnect for a new one.");
            }

            viewer ??= shell.FindViewer(connectionId);
            viewer?.CountInput(text.Length);
        }
    }

    /// <summary>Resizes the caller's terminal; ignored when it has no shell (the page resizes before opening one).</summary>
    /// <exception cref="HubException">The size is out of range.</exception>
    public async Task ResizeAsync(string? learnerId, string? sessionId, string? terminalId, int columns, int rows, CancellationToken cancellationToken = default)
    {
        if (!IsValidSize(columns, rows))
        {
            throw new HubException(SizeMessage(columns, rows));
        }

        if (FindShell(learnerId, sessionId, terminalId) is { } shell)
        {
            await TryResizeAsync(shell, columns, rows, cancellationToken);
        }
    }
}
