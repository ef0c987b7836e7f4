using System.Text;
using Labs.Sessions;

namespace Labs.Terminal;

/// <summary>
/// The first shell of a pooled environment, started while it waits in the pool: starting bash (sandbox, rc file,
/// completion) is most of what a learner would otherwise wait for after Start, and the page then only replays its prompt.
/// </summary>
public sealed partial class TerminalConnections : ISessionPoolWarmer
{
    /// <summary>The terminal a lab page opens first (its first tab).</summary>
    public const string FirstTerminalId = "1";

    // The size of a terminal nobody has shown yet (the pseudo-terminal's default); the first page resizes it.
    private const int PooledColumns = 80;
    private const int PooledRows = 24;

    /// <summary>How long a pooled shell may take to show its prompt before the pool takes the environment as it is.</summary>
    private static readonly TimeSpan s_promptPatience = TimeSpan.FromSeconds(30);

    private static readonly byte[] s_promptMark = Encoding.UTF8.GetBytes(ToolboxPrompt.Mark);

    /// <summary>Starts the first terminal's shell in a pooled environment's toolbox and waits for its prompt.</summary>
    /// <exception cref="TimeoutException">The shell showed no prompt in time (it keeps running).</exception>
    /// <exception cref="IOException">The shell ended before its prompt.</exception>
    public async Task WarmAsync(LabSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var starting = GetOrStartShell(session, FirstTerminalId, PooledColumns, PooledRows)
            ?? throw new InvalidOperationException($"Pooled environment {session.Id} already has its most shells.");
        var shell = await AwaitStartAsync(session, FirstTerminalId, starting, cancellationToken);
        shell.AwaitHandover();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(s_promptPatience);
        try
        {
            if (!await shell.WaitForOutputAsync(s_promptMark, patience.Token))
            {
                throw new IOException($"The shell of pooled environment {session.Id} ended before its prompt: {shell.EndReason ?? $"exit code {shell.ExitCode}"}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The shell of pooled environment {session.Id} showed no prompt within {s_promptPatience.TotalSeconds:0} s.");
        }
    }
}
