using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// A controller's work queue, as client-go's: a key waits in it at most once however often it is added, a key added
/// while it is being reconciled is reconciled again afterwards, and a delayed key keeps only its earliest due time
/// (one timer of the injected <see cref="TimeProvider"/> per delayed key, none while nothing waits).
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly Channel<WorkItem> _ready = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<WorkItem> _queued = [];
    private readonly Dictionary<WorkItem, (DateTimeOffset Due, ITimer Timer)> _delayed = [];
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Creates an empty queue whose delays run on <paramref name="time"/>.</summary>
    public WorkQueue(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>How many keys wait now (not counting delayed ones).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Adds a key to reconcile as soon as possible; a key already waiting is not added twice.</summary>
    public void Add(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            if (!_disposed && _queued.Add(item))
            {
                _ready.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>Adds a key after <paramref name="delay"/>; an earlier due time for the same key wins.</summary>
    public void AddAfter(WorkItem item, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_lock)
        {
            var due = _time.GetUtcNow() + delay;
            if (_disposed || (_delayed.TryGetValue(item, out var waiting) && waiting.Due <= due))
            {
                return;
            }

            waiting.Timer?.Dispose();
            var box = new StrongBox<ITimer>();
            box.Value = _time.CreateTimer(_ => Fire(item, box), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _delayed[item] = (due, box.Value);
            box.Value.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The keys to reconcile, one at a time; a key leaves the queue when it is handed out.</summary>
    public async IAsyncEnumerable<WorkItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_lock)
            {
                _queued.Remove(item);
            }

            yield return item;
        }
    }

    /// <summary>Stops the queue: delayed keys are dropped and the reader ends.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var (_, timer) in _delayed.Values)
            {
                timer.Dispose();
            }

            _delayed.Clear();
            _ready.Writer.TryComplete();
        }
    }

    private void Fire(WorkItem item, StrongBox<ITimer> fired)
    {
        lock (_lock)
        {
            if (!_delayed.TryGetValue(item, out var waiting) || !ReferenceEquals(waiting.Timer, fired.Value))
            {
                return; // Replaced by an earlier timer, or stopped.
            }

            waiting.Timer.Dispose();
            _delayed.Remove(item);
        }

        Add(item);
    }
}
