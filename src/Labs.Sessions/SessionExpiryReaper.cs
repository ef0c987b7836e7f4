using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Sessions;

/// <summary>
/// Every <see cref="LabSessionOptions.ReapInterval"/> (on the injected clock), ends the sessions whose expiry has
/// passed and deletes their namespaces (<see cref="SessionManager.ReapExpiredAsync"/>), then gives the others whose
/// token is due a new one (<see cref="SessionManager.RefreshTokensAsync"/>). The timer is made in
/// <see cref="StartAsync"/> itself, so the clock's next tick after start is never missed.
/// </summary>
internal sealed partial class SessionExpiryReaper(IServiceProvider services, IOptions<LabSessionOptions> options, TimeProvider time, ILogger<SessionExpiryReaper> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.ReapInterval, time);
        _loop = RunAsync(services.GetRequiredService<SessionManager>(), _timer, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _timer?.Dispose();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(SessionManager manager, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReapOnceAsync(manager, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReapOnceAsync(SessionManager manager, CancellationToken stoppingToken)
    {
        try
        {
            var reaped = await manager.ReapExpiredAsync(stoppingToken);
            if (reaped > 0)
            {
                LogReaped(reaped);
            }

            await manager.RefreshTokensAsync(stoppingToken);
        }
#pragma warning disable CA1031 // One failed round (the database or the cluster away for a moment) must not stop the reaping.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} expired sessions were ended")]
    private partial void LogReaped(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reap expired sessions or refresh tokens this round; trying again at the next")]
    private partial void LogFailed(Exception exception);
}
