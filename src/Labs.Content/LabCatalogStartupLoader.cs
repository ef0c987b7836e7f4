using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Content;

/// <summary>Loads the catalog while the host starts, so a malformed lab stops startup with its file:line message.</summary>
internal sealed class LabCatalogStartupLoader(IServiceProvider services, ILogger<LabCatalogStartupLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<LabCatalog>();
        logger.LogInformation("Loaded {Count} labs", catalog.All.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
