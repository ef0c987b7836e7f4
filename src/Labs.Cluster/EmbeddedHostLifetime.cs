using Microsoft.Extensions.Hosting;

namespace Labs.Cluster;

/// <summary>
/// The embedded cluster's host lifetime: it neither listens for Ctrl+C nor prints lifetime messages, because the
/// process belongs to whoever started the cluster; they stop it by disposing <see cref="EmbeddedCluster"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
