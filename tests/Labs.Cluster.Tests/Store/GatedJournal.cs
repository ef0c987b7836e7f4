using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>A journal that records its appends and can hold them (a slow fsync) or fail them (a broken disk).</summary>
internal sealed class GatedJournal : IStoreJournal
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private readonly List<IReadOnlyList<JournalEntry>> _appends = [];
    private readonly Lock _lock = new();

    /// <summary>Set when an append has started (and, with the gate closed, is waiting).</summary>
    public ManualResetEventSlim Entered { get; } = new();

    /// <summary>What the next appends throw; none when null.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<IReadOnlyList<JournalEntry>> Appends
    {
        get
        {
            lock (_lock)
            {
                return [.. _appends];
            }
        }
    }

    /// <summary>Appends wait from now on, until <see cref="Open"/>.</summary>
    public void Close()
    {
        Entered.Reset();
        _gate.Reset();
    }

    public void Open() => _gate.Set();

    public void Append(IReadOnlyList<JournalEntry> entries, long forgetThrough)
    {
        Entered.Set();
        _gate.Wait(TimeSpan.FromSeconds(60));
        if (Failure is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _appends.Add([.. entries]);
        }
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        Entered.Dispose();
    }
}
