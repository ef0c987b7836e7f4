using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

/// <summary>
/// At start-up, once the cluster is reachable and the database migrated (both hosted services start before this one),
/// takes back the live sessions of the last run and removes what ended ones left (see
/// <see cref="SessionManager.ReconcileAsync"/>), before the platform serves a request. A failure is logged, never
/// fatal: the platform still starts.
/// </summary>
internal sealed partial class SessionReconciler(IServiceProvider services, ILogger<SessionReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolved here, not in the constructor: the client exists once the cluster connection has started.
            await services.GetRequiredService<SessionManager>().ReconcileAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Reconciling after an earlier run must never stop this one from starting.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reconcile the sessions of the last run with the cluster; their namespaces stay until the next start")]
    private partial void LogFailed(Exception exception);
}
