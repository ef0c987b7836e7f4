using Labs.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Labs.Web.Platform;

/// <summary>Tells the person who ran the platform where to go, once the server listens.</summary>
internal sealed class ReadyAnnouncement(ClusterConnection cluster, IServer server, IHostApplicationLifetime lifetime, ILogger<ReadyAnnouncement> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.Select(a => a.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal))
            .FirstOrDefault() ?? "(no address)";
        var clusterLine = $"Kubernetes API: {cluster.Description}";
        logger.LogInformation("Labs is ready. Open {Url} in your browser. {ClusterLine}", url, clusterLine);
        Console.WriteLine();
        Console.WriteLine($"  Labs is ready: open {url}");
        Console.WriteLine($"  {clusterLine}");
        if (cluster.Embedded is { } embedded)
        {
            Console.WriteLine($"  kubectl as admin: kubectl --kubeconfig {embedded.AdminKubeconfigPath} get namespaces");
        }

        Console.WriteLine();
    }
}
