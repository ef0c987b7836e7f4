using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

/// <summary>
/// At start-up, once the cluster is reachable, removes the sessions a previous run of the platform left behind
/// (see <see cref="SessionManager.ReapForgottenAsync"/>). A failure is logged, never fatal: the platform still starts.
/// </summary>
internal sealed partial class SessionReaper(IServiceProvider services, ILogger<SessionReaper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolved here, not in the constructor: the client exists once the cluster connection has started.
            await services.GetRequiredService<SessionManager>().ReapForgottenAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Cleaning up after an earlier run must never stop this one from starting.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the sessions left from before a restart; they stay until their namespaces are deleted")]
    private partial void LogFailed(Exception exception);
}
