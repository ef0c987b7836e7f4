using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>What every object store does, the in-memory one and the durable one alike (each derived class runs them all).</summary>
public abstract class ObjectStoreContractTests
{
    private static readonly GroupResource Namespaces = new("", "namespaces");
    private static readonly GroupResource ConfigMaps = new("", "configmaps");
    private static readonly GroupResource Deployments = new("apps", "deployments");

    /// <summary>A new, empty store of the kind under test.</summary>
    protected abstract IObjectStore CreateStore(int historyLimit, TimeProvider? clock);

    private IObjectStore NewStore(int history = InMemoryObjectStore.DefaultHistoryLimit)
    {
        var store = CreateStore(history, null);
        store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        return store;
    }

    private static JsonObject Named(string name, JsonObject? spec = null) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec ?? new JsonObject { ["replicas"] = 1 } };

    [Fact]
    public void Create_fills_uid_resource_version_timestamp_and_generation()
    {
        var store = NewStore();
        var created = store.Create(Deployments, "ns1", Named("web"));
        var metadata = created["metadata"]!;
        Assert.False(string.IsNullOrEmpty((string?)metadata["uid"]));
        Assert.Equal(store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)metadata["resourceVersion"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)metadata["creationTimestamp"]);
        Assert.Equal("1", metadata["generation"]!.ToJsonString());
        Assert.Equal("ns1", (string?)metadata["namespace"]);
    }

    [Fact]
    public void Generate_name_appends_five_lowercase_alphanumerics()
    {
        var store = NewStore();
        var created = store.Create(ConfigMaps, "ns1", new JsonObject { ["metadata"] = new JsonObject { ["generateName"] = "cfg-" } });
        Assert.Matches("^cfg-[a-z0-9]{5}$", (string?)created["metadata"]!["name"]);
    }

    [Fact]
    public void Creating_in_a_missing_namespace_is_not_found()
    {
        var store = NewStore();
        var e = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "missing", Named("c")));
        Assert.Equal(404, e.Code);
        Assert.Equal("namespaces \"missing\" not found", e.Message);
    }

    [Fact]
    public void Creating_in_a_terminating_namespace_is_forbidden()
    {
        var store = NewStore();
        var ns = store.Get(Namespaces, null, "ns1")!;
        ns["status"] = new JsonObject { ["phase"] = "Terminating" };
        store.UpdateStatus(Namespaces, null, ns);
        var e = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", Named("c")));
        Assert.Equal(403, e.Code);
    }

    [Fact]
    public void Duplicate_create_is_already_exists()
    {
        var store = NewStore();
        store.Create(Deployments, "ns1", Named("web"));
        var e = Assert.Throws<ApiException>(() => store.Create(Deployments, "ns1", Named("web")));
        Assert.Equal("AlreadyExists", e.Reason);
        Assert.Equal("deployments.apps \"web\" already exists", e.Message);
    }

    [Fact]
    public void Stale_resource_version_is_a_conflict()
    {
        var store = NewStore();
        var created = store.Create(Deployments, "ns1", Named("web"));
        var first = created.DeepClone().AsObject();
        first["spec"]!["replicas"] = 2;
        store.Update(Deployments, "ns1", first);
        created["spec"]!["replicas"] = 3;
        var e = Assert.Throws<ApiException>(() => store.Update(Deployments, "ns1", created));
        Assert.Equal(409, e.Code);
        Assert.StartsWith("Operation cannot be fulfilled on deployments.apps \"web\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_changes_only_with_the_spec()
    {
        var store = NewStore();
        var created = store.Create(Deployments, "ns1", Named("web"));
        created["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        var labelled = store.Update(Deployments, "ns1", created);
        Assert.Equal("1", labelled["metadata"]!["generation"]!.ToJsonString());
        labelled["spec"]!["replicas"] = 4;
        var scaled = store.Update(Deployments, "ns1", labelled);
        Assert.Equal("2", scaled["metadata"]!["generation"]!.ToJsonString());
        scaled["status"] = new JsonObject { ["replicas"] = 4 };
        var status = store.UpdateStatus(Deployments, "ns1", scaled);
        Assert.Equal("2", status["metadata"]!["generation"]!.ToJsonString());
    }

    [Fact]
    public void A_no_op_update_keeps_the_resource_version()
    {
        var store = NewStore();
        var created = store.Create(ConfigMaps, "ns1", Named("c"));
        var again = store.Update(ConfigMaps, "ns1", created);
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], (string?)again["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void List_is_ordered_by_namespace_then_name()
    {
        var store = NewStore();
        store.Create(Namespaces, null, Named("a-ns"));
        store.Create(ConfigMaps, "ns1", Named("b"));
        store.Create(ConfigMaps, "ns1", Named("a"));
        store.Create(ConfigMaps, "a-ns", Named("z"));
        var names = store.List(ConfigMaps, null).Items.Select(i => (string)i["metadata"]!["name"]!).ToArray();
        Assert.Equal(new[] { "z", "a", "b" }, names);
        Assert.Equal(2, store.List(ConfigMaps, "ns1").Items.Count);
    }

    [Fact]
    public void Subscribers_replay_history_and_then_see_live_changes_in_order()
    {
        var store = NewStore();
        var from = store.CurrentResourceVersion;
        store.Create(ConfigMaps, "ns1", Named("a"));
        var seen = new List<StoreEvent>();
        using (store.Subscribe(from, seen.Add))
        {
            store.Delete(ConfigMaps, "ns1", "a");
        }

        store.Create(ConfigMaps, "ns1", Named("b"));
        Assert.Equal(new[] { "ADDED", "DELETED" }, seen.Select(e => e.Type).ToArray());
        Assert.True(seen[0].ResourceVersion < seen[1].ResourceVersion);
    }

    [Fact]
    public void Subscribing_before_the_kept_history_is_expired()
    {
        var store = NewStore(history: 2);
        for (var i = 0; i < 5; i++)
        {
            store.Create(ConfigMaps, "ns1", Named($"c{i}"));
        }

        var e = Assert.Throws<ApiException>(() => store.Subscribe(1, _ => { }));
        Assert.Equal(410, e.Code);
        Assert.Equal("Expired", e.Reason);
    }

    [Fact]
    public void Changes_older_than_the_history_window_are_let_go_as_the_next_writes_come()
    {
        var clock = new Access.TestClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var store = CreateStore(InMemoryObjectStore.DefaultHistoryLimit, clock);
        store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        var first = store.Create(ConfigMaps, "ns1", Named("old"));
        var replayed = new List<StoreEvent>();
        using (store.Subscribe(long.Parse(first.MetaString("resourceVersion"), System.Globalization.CultureInfo.InvariantCulture) - 1, replayed.Add))
        {
            Assert.Single(replayed);
        }

        clock.Advance(InMemoryObjectStore.HistoryWindow + TimeSpan.FromSeconds(1));
        store.Create(ConfigMaps, "ns1", Named("new"));

        var e = Assert.Throws<ApiException>(() => store.Subscribe(1, _ => { }));
        Assert.Equal(410, e.Code);
        var recent = new List<StoreEvent>();
        using (store.Subscribe(store.CurrentResourceVersion - 1, recent.Add))
        {
            Assert.Equal("new", Assert.Single(recent).Object.MetaString("name"));
        }
    }

    [Fact]
    public void Returned_objects_are_copies()
    {
        var store = NewStore();
        var created = store.Create(ConfigMaps, "ns1", Named("c"));
        created["metadata"]!["name"] = "changed";
        Assert.NotNull(store.Get(ConfigMaps, "ns1", "c"));
    }
}
