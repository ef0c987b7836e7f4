using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Content;

/// <summary>
/// With <see cref="ContentOptions.Watch"/> on (as <c>labs serve</c> sets it), reloads the catalog whenever a file under
/// the labs folder changes, after a short quiet period so that an editor's save (several writes) reloads once.
/// </summary>
internal sealed class LabCatalogWatcher(LabCatalog catalog, IOptions<ContentOptions> options, ILogger<LabCatalogWatcher> logger, TimeProvider time) : IHostedService, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _pending;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Watch)
            return Task.CompletedTask;
        _watcher = new FileSystemWatcher(options.Value.LabsDirectory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Deleted += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = time.CreateTimer(_ => Reload(), null, Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload()
    {
        try
        {
            catalog.Reload();
            LabCatalogStartupLoader.Report(catalog, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            // A folder removed while it was read: the next change reloads again.
            logger.LogWarning(ex, "Could not reload the labs");
        }
    }
}
