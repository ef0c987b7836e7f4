using Labs.Content;
using Labs.Content.Charts;
using Labs.Hosting;

namespace Labs.Web.Platform;

/// <summary>
/// Serves the lab library's Helm chart repository on the embedded cluster's API address at <c>/charts/</c>, the only
/// address a learner's sandbox reaches; the platform serves it on its own address too (<see cref="Api.ChartsApi"/>).
/// It reads the catalog's current charts at every request, so a reloaded library serves its new charts.
/// </summary>
internal sealed class ChartRepositoryPublisher(ClusterConnection cluster, LabCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cluster.Embedded?.ServePublicFiles(ChartRepository.UrlPath, (string name, out ReadOnlyMemory<byte> content, out string type) => catalog.Charts.TryGetFile(name, out content, out type));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
