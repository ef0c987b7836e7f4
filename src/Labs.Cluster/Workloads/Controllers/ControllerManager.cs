using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// Runs the embedded cluster's controllers as kube-controller-manager does: one subscription to the store feeds every
/// controller's own <see cref="WorkQueue"/> with the keys a change concerns, and each controller reconciles its keys on
/// a loop of its own. A key whose reconcile failed is retried with a growing delay; a conflict (someone wrote in
/// between) is retried at once. Nothing polls: an idle cluster does no work.
/// </summary>
internal sealed partial class ControllerManager : IAsyncDisposable
{
    private static readonly TimeSpan ConflictRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FirstFailureRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MostFailureRetry = TimeSpan.FromSeconds(30);
    private readonly IObjectStore _store;
    private readonly IReadOnlyList<(IController Controller, WorkQueue Queue)> _controllers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private Task[] _loops = [];

    /// <summary>Creates the manager; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="store">The store the controllers read and write through.</param>
    /// <param name="controllers">The controllers, each given a queue of its own.</param>
    /// <param name="time">The clock of the queues' delays.</param>
    /// <param name="logger">Where failed reconciles are reported.</param>
    public ControllerManager(IObjectStore store, IEnumerable<IController> controllers, TimeProvider time, ILogger logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(controllers);
        _controllers = [.. controllers.Select(c => (c, new WorkQueue(time)))];
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The queue of the controller named <paramref name="name"/> (for tests and for controllers that feed each other).</summary>
    public WorkQueue QueueOf(string name) => _controllers.First(c => c.Controller.Name == name).Queue;

    /// <summary>
    /// Subscribes to the store, then starts every controller's loop: first its <see cref="IController.Resync"/>, then
    /// its queue. Subscribing first means nothing written in between is missed; the duplicates that gives are harmless.
    /// </summary>
    public void Start()
    {
        if (_subscription is not null)
        {
            throw new InvalidOperationException("The controller manager is already started.");
        }

        _subscription = _store.Subscribe(0, change =>
        {
            foreach (var (controller, queue) in _controllers)
            {
                foreach (var key in controller.KeysFor(change))
                {
                    queue.Add(key);
                }
            }
        });
        _loops = [.. _controllers.Select(c => Task.Run(() => RunAsync(c.Controller, c.Queue, _stopping.Token)))];
    }

    /// <summary>Stops every loop and waits for the reconciles under way.</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var (_, queue) in _controllers)
        {
            queue.Dispose();
        }

        foreach (var loop in _loops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on shutdown.
            }
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(IController controller, WorkQueue queue, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<WorkItem, int>();
        foreach (var key in Guard(controller, () => controller.Resync().ToList(), null) ?? [])
        {
            queue.Add(key);
        }

        await foreach (var item in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var again = item with { DeletedUid = null };
            try
            {
                var retryAfter = controller.Reconcile(item, queue);
                failures.Remove(again);
                if (retryAfter is { } delay)
                {
                    queue.AddAfter(again, delay);
                }
            }
            catch (ApiException ex) when (ex.Code is 409 or 404)
            {
                // Someone wrote or deleted in between: re-read and try again shortly (level-triggered); the next
                // reconcile sees the change, or that the object is gone.
                queue.AddAfter(again, ConflictRetry);
            }
#pragma warning disable CA1031 // A controller loop must survive any single failure; it logs and retries later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var count = failures[again] = failures.GetValueOrDefault(again) + 1;
                LogReconcileFailed(_logger, ex, controller.Name, item.Resource.ToString(), item.Namespace ?? "", item.Name);
                var delay = FirstFailureRetry * Math.Pow(2, Math.Min(count - 1, 10));
                queue.AddAfter(again, delay < MostFailureRetry ? delay : MostFailureRetry);
            }
        }
    }

    private T? Guard<T>(IController controller, Func<T> work, T? fallback)
    {
        try
        {
            return work();
        }
#pragma warning disable CA1031 // A controller that cannot resync still reconciles what changes from now on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogResyncFailed(_logger, ex, controller.Name);
            return fallback;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: reconciling {Resource} {Namespace}/{Name} failed; retrying later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string controller, string resource, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: taking up what the store kept failed")]
    private static partial void LogResyncFailed(ILogger logger, Exception exception, string controller);
}
