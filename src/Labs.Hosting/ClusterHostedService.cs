using Microsoft.Extensions.Hosting;

namespace Labs.Hosting;

/// <summary>
/// Connects to the cluster as the host starts, before any hosted service's StartAsync and before the server takes
/// requests, and stops the embedded cluster with the host, before its services are disposed (its pods' processes end
/// and their storage is unmounted even when the host is stopped but never disposed).
/// </summary>
internal sealed class ClusterHostedService(ClusterConnection cluster) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => cluster.StartAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();
}
