using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;
using Labs.Cluster.Access;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>Mutated bodies sent through real HTTP to every write path: never a 500, and the store always stays readable.</summary>
public sealed class ApiServerFuzzTests
{
    private static readonly (string Collection, string Kind)[] Resources =
    [
        ("/api/v1/namespaces/default/configmaps", "ConfigMap"),
        ("/api/v1/namespaces/default/secrets", "Secret"),
        ("/api/v1/namespaces/default/pods", "Pod"),
        ("/api/v1/namespaces/default/services", "Service"),
        ("/apis/apps/v1/namespaces/default/deployments", "Deployment"),
    ];

    private static readonly string[] PatchTypes =
        ["application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    [Fact]
    public async Task Mutated_writes_never_answer_500_and_leave_every_list_readable()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var mutator = new Mutator(seed: 5001);
        var seeds = FuzzSeeds.Objects().Where(o => Resources.Any(r => r.Kind == JsonFields.String(o, "kind"))).ToList();
        foreach (var seed in seeds)
        {
            // One valid object per kind to patch, named so that later requests hit it.
            var (collection, _) = Resources.First(r => r.Kind == JsonFields.String(seed, "kind"));
            await cluster.PostAsync(collection, Valid(seed).ToJsonString());
        }

        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 100; i++)
        {
            var seed = mutator.Pick(seeds);
            var (collection, _) = Resources.First(r => r.Kind == JsonFields.String(seed, "kind"));
            var body = mutator.Next(2) == 0
                ? mutator.Mutate(Encoding.UTF8.GetBytes(Valid(seed).ToJsonString()))
                : Encoding.UTF8.GetBytes(mutator.MutateJson(Valid(seed)).ToJsonString());
            var (method, path, type) = mutator.Next(4) switch
            {
                0 => (HttpMethod.Post, collection, "application/json"),
                1 => (HttpMethod.Put, $"{collection}/fuzz", "application/json"),
                2 => (HttpMethod.Put, $"{collection}/fuzz/status", "application/json"),
                _ => (HttpMethod.Patch, $"{collection}/fuzz?fieldManager=fuzz", mutator.Pick(PatchTypes)),
            };
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);

            var (status, answer, _) = await cluster.SendContentAsync(method, path, content);

            Assert.True(status < 500, $"{method} {path} ({type}) answered {status}: {answer?.ToJsonString()}\nbody: {FuzzRunner.Show(body)}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        TestContext.Current.SendDiagnosticMessage("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}x{p.Value}")));
        Assert.True(statuses.Keys.Any(s => s < 300) && statuses.Keys.Any(s => s >= 400), "expected both accepted and refused writes");
        foreach (var resource in (string[])["/api/v1/configmaps", "/api/v1/secrets", "/api/v1/pods", "/api/v1/services", "/apis/apps/v1/deployments"])
        {
            await cluster.AssertStoreReadableAsync(resource);
        }
    }

    // A seed made acceptable: in the default namespace, named fuzz, without the server-owned and random metadata.
    private static JsonObject Valid(JsonObject seed)
    {
        var obj = seed.DeepClone().AsObject();
        obj["metadata"] = new JsonObject { ["name"] = "fuzz", ["labels"] = new JsonObject { ["app"] = "fuzz" } };
        obj.Remove("status");
        return obj;
    }
}
