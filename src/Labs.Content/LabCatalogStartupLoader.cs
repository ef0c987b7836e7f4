using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Content;

/// <summary>Loads the catalog while the host starts and logs every problem of a broken lab (the platform serves the others).</summary>
internal sealed partial class LabCatalogStartupLoader(IServiceProvider services, ILogger<LabCatalogStartupLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<LabCatalog>();
        Report(catalog, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logs how many labs loaded and each problem of each broken lab.</summary>
    internal static void Report(LabCatalog catalog, ILogger logger)
    {
        LogLoaded(logger, catalog.All.Count, catalog.Broken.Count);
        foreach (var problem in catalog.Broken.SelectMany(b => b.Problems))
            LogProblem(logger, problem.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} labs; {Broken} broken")]
    private static partial void LogLoaded(ILogger logger, int count, int broken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broken lab: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
