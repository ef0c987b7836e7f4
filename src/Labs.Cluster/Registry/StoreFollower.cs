using System.Threading.Channels;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Registry;

/// <summary>
/// Follows the store's changes on a loop of its own, for the API machinery's own controllers (finishing deletions,
/// disruption budgets): the store's subscribers run under its lock and may not write, so each change is turned into
/// a work item there and the work happens here, a burst of equal items once.
/// </summary>
/// <typeparam name="T">A work item, e.g. a namespace to recount.</typeparam>
internal sealed class StoreFollower<T> : IAsyncDisposable
    where T : notnull
{
    private readonly Channel<T> _work = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<T> _process;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    /// <summary>Starts following <paramref name="store"/> from now on.</summary>
    /// <param name="store">The store.</param>
    /// <param name="workOf">The work a change means, or nothing for a change this follower ignores.</param>
    /// <param name="process">Does one item's work (it may write to the store).</param>
    /// <param name="logger">Where a failed item is reported; the next change about it retries it.</param>
    /// <param name="what">What the work is, for the log, e.g. <c>updating disruption budgets</c>.</param>
    /// <param name="initial">Work to do first, e.g. what an earlier run left.</param>
    public StoreFollower(IObjectStore store, Func<StoreEvent, IEnumerable<T>> workOf, Action<T> process, ILogger logger, string what,
        IEnumerable<T>? initial = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(workOf);
        _process = process ?? throw new ArgumentNullException(nameof(process));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _what = what;
        foreach (var item in initial ?? [])
        {
            _work.Writer.TryWrite(item);
        }

        _subscription = store.Subscribe(store.CurrentResourceVersion, change =>
        {
            foreach (var item in workOf(change))
            {
                _work.Writer.TryWrite(item);
            }
        });
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _work.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var first in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var batch = new HashSet<T> { first };
            while (_work.Reader.TryRead(out var more))
            {
                batch.Add(more);
            }

            foreach (var item in batch)
            {
                try
                {
                    _process(item);
                }
#pragma warning disable CA1031 // One failed item must not stop the others; the next change about it retries it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.LogWarning(e, "Embedded cluster: {What} ({Item}) failed", _what, item);
                }
            }
        }
    }
}
