using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads;

namespace Labs.Cluster.Tests.Store;

/// <summary>How writes become durable: nothing is seen before its journal append returns, and concurrent writes share one.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly GroupResource Namespaces = new("", "namespaces");
    private static readonly GroupResource ConfigMaps = new("", "configmaps");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<InMemoryObjectStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.StopCommitting();
        }
    }

    [Fact]
    public async Task A_write_is_seen_by_no_reader_and_no_watch_and_not_acknowledged_before_it_is_durable()
    {
        using var journal = new GatedJournal();
        var store = StoreOver(journal);
        var before = store.CurrentResourceVersion;
        var seen = new List<StoreEvent>();
        using var subscription = store.Subscribe(0, seen.Add);
        journal.Close();

        var write = Task.Run(() => store.Create(ConfigMaps, "ns1", Named("c")), TestContext.Current.CancellationToken);
        Assert.True(journal.Entered.Wait(Patience, TestContext.Current.CancellationToken));

        Assert.False(write.IsCompleted);
        Assert.Null(store.Get(ConfigMaps, "ns1", "c"));
        Assert.Empty(store.List(ConfigMaps, "ns1").Items);
        Assert.Equal(before, store.CurrentResourceVersion);
        Assert.Empty(seen);

        journal.Open();
        var created = await write.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.NotNull(store.Get(ConfigMaps, "ns1", "c"));
        Assert.Equal(created.MetaString("resourceVersion"), Assert.Single(seen).Object.MetaString("resourceVersion"));
    }

    [Fact]
    public async Task Writes_made_while_one_is_being_made_durable_are_made_durable_together_in_one_append()
    {
        using var journal = new GatedJournal();
        var store = StoreOver(journal);
        journal.Close();
        var first = Task.Run(() => store.Create(ConfigMaps, "ns1", Named("first")), TestContext.Current.CancellationToken);
        Assert.True(journal.Entered.Wait(Patience, TestContext.Current.CancellationToken));

        var others = Enumerable.Range(0, 5)
            .Select(i => Task.Run(() => store.Create(ConfigMaps, "ns1", Named($"c{i}")), TestContext.Current.CancellationToken))
            .ToArray();
        await Eventually.WaitAsync(() => store.PendingWriteCount == 6, "the five writes staged behind the first");
        journal.Open();
        await Task.WhenAll([first, .. others]).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([1, 1, 5], journal.Appends.Select(a => a.Count));
    }

    [Fact]
    public async Task A_second_writer_losing_to_a_write_not_yet_durable_is_refused_once_that_write_is_seen()
    {
        using var journal = new GatedJournal();
        var store = StoreOver(journal);
        var created = store.Create(ConfigMaps, "ns1", Named("c"));
        journal.Close();

        var update = created.DeepClone().AsObject();
        update["data"] = new JsonObject { ["k"] = "1" };
        var pending = Task.Run(() => store.Update(ConfigMaps, "ns1", update), TestContext.Current.CancellationToken);
        Assert.True(journal.Entered.Wait(Patience, TestContext.Current.CancellationToken));

        // Not "absent", and refused only once what it lost to can be read back.
        created["data"] = new JsonObject { ["k"] = "2" };
        var stale = Task.Run(() => Refusal(() => store.Update(ConfigMaps, "ns1", created)), TestContext.Current.CancellationToken);
        var again = Task.Run(() => Refusal(() => store.Create(ConfigMaps, "ns1", Named("c"))), TestContext.Current.CancellationToken);

        // Time for both to reach the store while the first is held (the test passes without it, it only catches less).
        await Task.Delay(200, TestContext.Current.CancellationToken);
        journal.Open();

        Assert.Equal("409 Conflict, then read k=1", await stale.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Equal("409 AlreadyExists, then read k=1", await again.WaitAsync(Patience, TestContext.Current.CancellationToken));

        string Refusal(Action write)
        {
            try
            {
                write();
                return "no refusal";
            }
            catch (ApiException e)
            {
                return $"{e.Code} {e.Reason}, then read k={store.Get(ConfigMaps, "ns1", "c")?["data"]?["k"]}";
            }
        }

        await pending.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_failed_append_fails_its_writers_undoes_nothing_visible_and_refuses_every_later_write()
    {
        using var journal = new GatedJournal();
        var failures = new List<Exception>();
        var store = StoreOver(journal, failures.Add);
        var before = store.CurrentResourceVersion;
        journal.Failure = new IOException("disk I/O error");

        var e = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", Named("c")));

        Assert.Equal(500, e.Code);
        Assert.Equal("Internal error occurred: the cluster's store cannot be written: disk I/O error; writes are refused until the platform is restarted", e.Message);
        Assert.Null(store.Get(ConfigMaps, "ns1", "c"));
        Assert.Equal(before, store.CurrentResourceVersion);
        Assert.IsType<IOException>(Assert.Single(failures));
        journal.Failure = null;
        Assert.Equal(500, Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", Named("d"))).Code);
        Assert.NotNull(store.Get(Namespaces, null, "ns1"));
    }

    private InMemoryObjectStore StoreOver(GatedJournal journal, Action<Exception>? failed = null)
    {
        var store = new InMemoryObjectStore(journal, StoreSnapshot.Empty, InMemoryObjectStore.DefaultHistoryLimit, null) { JournalFailed = failed };
        _stores.Add(store);
        store.Create(Namespaces, null, Named("ns1"));
        return store;
    }

    private static JsonObject Named(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name } };
}
