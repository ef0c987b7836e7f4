using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>What a restart of the platform keeps: every object, the resourceVersions, and the recent changes for watches.</summary>
public sealed class DurableObjectStoreTests : IDisposable
{
    private static readonly GroupResource Namespaces = new("", "namespaces");
    private static readonly GroupResource ConfigMaps = new("", "configmaps");
    private static readonly GroupResource Pods = new("", "pods");

    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Objects_come_back_after_a_restart_exactly_as_they_were_stored()
    {
        var store = OpenWithNamespace();
        var kept = store.Create(ConfigMaps, "ns1", ConfigMap("kept", "v1"));
        var changed = store.Create(ConfigMaps, "ns1", ConfigMap("changed", "v1"));
        changed["data"]!["k"] = "v2";
        changed = store.Update(ConfigMaps, "ns1", changed);
        store.Create(ConfigMaps, "ns1", ConfigMap("deleted", "v1"));
        store.Delete(ConfigMaps, "ns1", "deleted");
        var node = store.Create(new GroupResource("", "nodes"), null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "n1" } });

        store = _directory.Reopen(store);

        Assert.True(JsonNode.DeepEquals(kept, store.Get(ConfigMaps, "ns1", "kept")));
        Assert.True(JsonNode.DeepEquals(changed, store.Get(ConfigMaps, "ns1", "changed")));
        Assert.Null(store.Get(ConfigMaps, "ns1", "deleted"));
        Assert.True(JsonNode.DeepEquals(node, store.Get(new GroupResource("", "nodes"), null, "n1")));
        Assert.Equal(["changed", "kept"], store.List(ConfigMaps, "ns1").Items.Select(i => i.MetaString("name")));
    }

    [Fact]
    public void Resource_versions_go_on_counting_up_after_a_restart_even_when_the_last_write_was_a_delete()
    {
        var store = OpenWithNamespace();
        store.Create(ConfigMaps, "ns1", ConfigMap("c", "v"));
        var deleted = store.Delete(ConfigMaps, "ns1", "c")!;
        var before = store.CurrentResourceVersion;
        Assert.Equal(before.ToString(CultureInfo.InvariantCulture), deleted.MetaString("resourceVersion"));

        store = _directory.Reopen(store);
        var created = store.Create(ConfigMaps, "ns1", ConfigMap("c", "v"));

        Assert.Equal(before + 1, long.Parse(created.MetaString("resourceVersion"), CultureInfo.InvariantCulture));
        Assert.Equal(before + 1, store.CurrentResourceVersion);
    }

    [Fact]
    public void A_watch_resumes_across_a_restart_from_a_version_in_the_replay_window()
    {
        var store = OpenWithNamespace();
        var from = store.CurrentResourceVersion;
        store.Create(ConfigMaps, "ns1", ConfigMap("a", "1"));
        store.Delete(ConfigMaps, "ns1", "a");

        store = _directory.Reopen(store);
        var seen = new List<StoreEvent>();
        using (store.Subscribe(from, seen.Add))
        {
            store.Create(ConfigMaps, "ns1", ConfigMap("b", "1"));
        }

        Assert.Equal(["ADDED a", "DELETED a", "ADDED b"], seen.Select(e => $"{e.Type} {e.Object.MetaString("name")}"));
        Assert.Equal(Enumerable.Range((int)from + 1, 3).Select(i => (long)i), seen.Select(e => e.ResourceVersion));
    }

    [Fact]
    public void A_watch_from_before_the_replay_window_is_expired_after_a_restart_as_before_it()
    {
        var store = OpenWithNamespace(historyLimit: 3);
        for (var i = 0; i < 6; i++)
        {
            store.Create(ConfigMaps, "ns1", ConfigMap($"c{i}", "v"));
        }

        store = _directory.Reopen(store, historyLimit: 3);

        Assert.Equal(410, Assert.Throws<ApiException>(() => store.Subscribe(store.CurrentResourceVersion - 4, _ => { })).Code);
        var replayed = new List<StoreEvent>();
        using (store.Subscribe(store.CurrentResourceVersion - 3, replayed.Add))
        {
            Assert.Equal(["c3", "c4", "c5"], replayed.Select(e => e.Object.MetaString("name")));
        }
    }

    [Fact]
    public void Changes_made_longer_ago_than_the_replay_window_are_not_replayed_after_a_restart()
    {
        var clock = new Access.TestClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var store = OpenWithNamespace(clock: clock);
        var from = store.CurrentResourceVersion;
        store.Create(ConfigMaps, "ns1", ConfigMap("old", "v"));
        store.Create(ConfigMaps, "ns1", ConfigMap("newest", "v"));

        clock.Advance(InMemoryObjectStore.HistoryWindow + TimeSpan.FromSeconds(1));
        store = _directory.Reopen(store, clock: clock);

        Assert.Equal(410, Assert.Throws<ApiException>(() => store.Subscribe(from, _ => { })).Code);
        var replayed = new List<StoreEvent>();
        using (store.Subscribe(store.CurrentResourceVersion - 1, replayed.Add))
        {
            Assert.Equal("newest", Assert.Single(replayed).Object.MetaString("name"));
        }
    }

    [Fact]
    public void Whatever_the_store_accepts_reads_back_after_a_restart_deep_nesting_and_any_text_included()
    {
        var store = OpenWithNamespace();
        JsonNode deep = "bottom";
        for (var i = 0; i < StorableObject.MaxDepth - 4; i++)
        {
            deep = new JsonObject { ["d"] = deep };
        }

        var obj = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "odd", ["annotations"] = new JsonObject { ["é/ü"] = "<script>&\"'\\\u0001\u2028 😀 中文" } },
            ["spec"] = new JsonObject { ["deep"] = deep, ["big"] = long.MaxValue, ["small"] = -0.000001m, ["empty"] = new JsonArray(), ["null"] = null },
        };
        var created = store.Create(Pods, "ns1", obj);

        store = _directory.Reopen(store);

        Assert.True(JsonNode.DeepEquals(created, store.Get(Pods, "ns1", "odd")));
        Assert.Equal("<script>&\"'\\\u0001\u2028 😀 中文", (string?)store.List(Pods, null).Items[0]["metadata"]!["annotations"]!["é/ü"]);
    }

    [Fact]
    public void Many_concurrent_writers_are_all_durable()
    {
        var store = OpenWithNamespace();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
        {
            for (var i = 0; i < 40; i++)
            {
                var created = store.Create(ConfigMaps, "ns1", ConfigMap($"w{writer}-{i}", "1"));
                created["data"]!["k"] = "2";
                store.Update(ConfigMaps, "ns1", created);
            }
        });
        var expected = store.CurrentResourceVersion;

        store = _directory.Reopen(store);

        Assert.Equal(expected, store.CurrentResourceVersion);
        var items = store.List(ConfigMaps, "ns1").Items;
        Assert.Equal(320, items.Count);
        Assert.All(items, i => Assert.Equal("2", (string?)i["data"]!["k"]));
    }

    [Fact]
    public void Writes_after_the_store_is_closed_fail_with_an_internal_error_and_reads_still_answer()
    {
        var store = OpenWithNamespace();
        store.Create(ConfigMaps, "ns1", ConfigMap("c", "v"));
        store.Dispose();

        var e = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", ConfigMap("d", "v")));

        Assert.Equal(500, e.Code);
        Assert.Equal("InternalError", e.Reason);
        Assert.NotNull(store.Get(ConfigMaps, "ns1", "c"));
    }

    private DurableObjectStore OpenWithNamespace(int historyLimit = InMemoryObjectStore.DefaultHistoryLimit, TimeProvider? clock = null)
    {
        var store = _directory.Open(historyLimit, clock);
        store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        return store;
    }

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = value },
    };
}
