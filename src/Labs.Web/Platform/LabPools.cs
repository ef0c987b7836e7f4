using Labs.Content;
using Labs.Sessions;
using Labs.Web.Api;
using Microsoft.Extensions.Options;

namespace Labs.Web.Platform;

/// <summary>At start-up, gives every lab its warm pool (<c>Sessions:PoolSize</c>, or its own in <c>Sessions:PoolSizes</c>).</summary>
internal sealed class LabPools(LabCatalog catalog, IServiceProvider services, IOptions<LabSessionOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not in the constructor: the client exists once the cluster connection has started.
        var sessions = services.GetRequiredService<SessionManager>();
        foreach (var lab in catalog.All)
        {
            var size = options.Value.PoolSizes.GetValueOrDefault(lab.Id, options.Value.PoolSize);
            if (size > 0)
            {
                sessions.ConfigurePool(lab.Id, size, ct => LabSetups.ForAsync(lab, ct));
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
