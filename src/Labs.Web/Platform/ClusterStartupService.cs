using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Labs.Web.Platform;

/// <summary>Starts the cluster connection with the host, and tells the person who ran the platform where to go.</summary>
internal sealed class ClusterStartupService(ClusterConnection cluster, IServer server, IHostApplicationLifetime lifetime, ILogger<ClusterStartupService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = cluster.Connection;
        lifetime.ApplicationStarted.Register(() => Announce(connection.Server));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the embedded cluster with the host, before the host's services are disposed: its pods' processes end and
    /// their storage is unmounted even when the host is stopped but never disposed.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();

    private void Announce(Uri apiServer)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.Select(a => a.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal))
            .FirstOrDefault() ?? "(no address)";
        var embedded = cluster.Embedded;
        var clusterLine = embedded is null
            ? $"Kubernetes API: {apiServer} (from your kubeconfig)"
            : $"Embedded cluster: {apiServer}; admin kubeconfig: {embedded.AdminKubeconfigPath}";
        logger.LogInformation("Labs is ready. Open {Url} in your browser. {ClusterLine}", url, clusterLine);
        Console.WriteLine();
        Console.WriteLine($"  Labs is ready: open {url}");
        Console.WriteLine($"  {clusterLine}");
        if (embedded is not null)
        {
            Console.WriteLine($"  kubectl as admin: kubectl --kubeconfig {embedded.AdminKubeconfigPath} get namespaces");
        }

        Console.WriteLine();
    }
}
