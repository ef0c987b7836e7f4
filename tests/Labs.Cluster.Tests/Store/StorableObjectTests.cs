using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>Defence in depth: whatever a caller hands the store, what it holds can always be read, listed and written out.</summary>
public sealed class StorableObjectTests
{
    private static readonly GroupResource Namespaces = new("", "namespaces");
    private static readonly GroupResource ConfigMaps = new("", "configmaps");

    public static TheoryData<string, int> Poison() => new()
    {
        // System.Text.Json parses these lazily; they only fail when read or written, which used to break every LIST.
        { """{"metadata":{"name":"p","labels":{"a":"\ud800"}}}""", 400 },
        { """{"metadata":{"name":"p"},"data":{"\udc00":"x"}}""", 400 },
        { """{"metadata":{"name":"p"},"data":{"a":"1","a":"2"}}""", 400 },
        { """{"metadata":{"name":"p"},"x":""" + new string('[', 129) + new string(']', 129) + "}", 400 },
    };

    [Theory]
    [MemberData(nameof(Poison))]
    public void A_poisoned_object_is_refused_and_the_store_stays_readable(string json, int status)
    {
        var store = NewStore();
        var create = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", Parse(json)));
        var update = Assert.Throws<ApiException>(() => store.Update(ConfigMaps, "ns1", Parse(json.Replace("\"p\"", "\"good\"", StringComparison.Ordinal))));

        Assert.Equal(status, create.Code);
        Assert.Equal(status, update.Code);
        Assert.StartsWith("the object cannot be stored: ", create.Message, StringComparison.Ordinal);
        AssertReadable(store);
    }

    [Fact]
    public void Numbers_json_cannot_carry_are_refused()
    {
        var store = NewStore();
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "n" }, ["x"] = double.NaN };

        var e = Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", obj));

        Assert.Equal("the object cannot be stored: the number is not finite at \"x\"", e.Message);
        AssertReadable(store);
    }

    [Fact]
    public void An_object_larger_than_a_request_may_be_is_too_large()
    {
        var store = NewStore();
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "big" }, ["data"] = new JsonObject { ["k"] = new string('x', 3 * 1024 * 1024) } };

        Assert.Equal(413, Assert.Throws<ApiException>(() => store.Create(ConfigMaps, "ns1", obj)).Code);
    }

    private static InMemoryObjectStore NewStore()
    {
        var store = new InMemoryObjectStore();
        store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        store.Create(ConfigMaps, "ns1", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "good" }, ["data"] = new JsonObject { ["k"] = "v" } });
        return store;
    }

    private static JsonObject Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 })!.AsObject();

    private static void AssertReadable(InMemoryObjectStore store)
    {
        var list = store.List(ConfigMaps, null);
        var good = Assert.Single(list.Items);
        Assert.Equal("v", (string?)good["data"]!["k"]);
        foreach (var item in list.Items)
        {
            Assert.False(string.IsNullOrEmpty(item.ToJsonString()));
        }
    }
}
