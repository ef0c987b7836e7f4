using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

/// <summary>
/// Fills the warm pools in the background whenever one wants it (configured, or an environment handed over), one
/// environment at a time so that learners' own starts keep the machine. A failure waits a little, then tries again.
/// </summary>
internal sealed partial class SessionPoolFiller(IServiceProvider services, TimeProvider time, ILogger<SessionPoolFiller> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(services.GetRequiredService<SessionManager>(), _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(SessionManager manager, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await manager.WaitForPoolDemandAsync(stoppingToken);
                await manager.FillPoolsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed fill (the cluster busy or away) must not stop the pool for good.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFillFailed(ex);
                await Task.Delay(RetryAfter, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fill the warm pool; trying again shortly")]
    private partial void LogFillFailed(Exception exception);
}
