using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Registry;

/// <summary>Deletion with finalizers and each propagation policy, through the API, as kube-apiserver and its garbage collector do it.</summary>
public sealed class DeletionTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Secrets = "/api/v1/namespaces/default/secrets";

    [Fact]
    public async Task Background_deletion_removes_dependents_and_marks_those_with_finalizers()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var uid = await CreateOwnerAsync(cluster, "owner-bg");
        await CreateDependentAsync(cluster, "free-bg", "owner-bg", uid, finalizer: null);
        await CreateDependentAsync(cluster, "held-bg", "owner-bg", uid, finalizer: "labs.dev/hold");

        var (status, _, _) = await cluster.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/owner-bg");

        Assert.Equal(200, status);
        Assert.Equal(404, (await cluster.GetAsync($"{Secrets}/free-bg")).Status);
        var (_, held, _) = await cluster.GetAsync($"{Secrets}/held-bg");
        Assert.NotNull(held!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_last_dependent_is_gone()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var uid = await CreateOwnerAsync(cluster, "owner-fg");
        await CreateDependentAsync(cluster, "held-fg", "owner-fg", uid, finalizer: "labs.dev/hold");

        var (status, answer, _) = await cluster.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/owner-fg", """{"propagationPolicy":"Foreground"}""");

        Assert.Equal(200, status);
        Assert.Equal("ConfigMap", (string?)answer!["kind"]);
        Assert.Equal(["foregroundDeletion"], answer["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.NotNull(answer["metadata"]!["deletionTimestamp"]);

        var (removed, _, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Secrets}/held-fg", """[{"op":"remove","path":"/metadata/finalizers"}]""",
            "application/json-patch+json");
        Assert.Equal(200, removed);
        await EventuallyGoneAsync(cluster, $"{ConfigMaps}/owner-fg");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_dependents_and_takes_the_owner_out_of_their_references()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var uid = await CreateOwnerAsync(cluster, "owner-or");
        await CreateDependentAsync(cluster, "kept-or", "owner-or", uid, finalizer: null);

        await cluster.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/owner-or", """{"propagationPolicy":"Orphan"}""");

        var (status, kept, _) = await cluster.GetAsync($"{Secrets}/kept-or");
        Assert.Equal(200, status);
        Assert.Empty(kept!["metadata"]!["ownerReferences"]!.AsArray());
        Assert.Equal(404, (await cluster.GetAsync($"{ConfigMaps}/owner-or")).Status);
    }

    [Fact]
    public async Task A_terminating_namespace_left_by_a_restart_finishes_once_its_content_is_gone()
    {
        var cluster = await ApiTestCluster.StartAsync();
        try
        {
            await cluster.PostAsync("/api/v1/namespaces", """{"metadata":{"name":"stuck"}}""");
            await cluster.PostAsync("/api/v1/namespaces/stuck/configmaps", """{"metadata":{"name":"held","finalizers":["labs.dev/hold"]}}""");
            await cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/stuck");
            Assert.Equal("Terminating", (string?)(await cluster.GetAsync("/api/v1/namespaces/stuck")).Body!["status"]!["phase"]);

            cluster = await cluster.RestartAsync();
            await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/stuck/configmaps/held", """{"metadata":{"finalizers":null}}""",
                "application/merge-patch+json");

            await EventuallyGoneAsync(cluster, "/api/v1/namespaces/stuck");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<string> CreateOwnerAsync(ApiTestCluster cluster, string name)
    {
        var (status, body, _) = await cluster.PostAsync(ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }.ToJsonString());
        Assert.Equal(201, status);
        return (string)body!["metadata"]!["uid"]!;
    }

    private static async Task CreateDependentAsync(ApiTestCluster cluster, string name, string owner, string uid, string? finalizer)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = owner, ["uid"] = uid }),
        };
        if (finalizer is not null)
        {
            metadata["finalizers"] = new JsonArray(finalizer);
        }

        var (status, _, _) = await cluster.PostAsync(Secrets, new JsonObject { ["metadata"] = metadata }.ToJsonString());
        Assert.Equal(201, status);
    }

    // The follow-up runs on the cluster's own loop: poll, with a deadline far beyond what a busy machine needs.
    private static async Task EventuallyGoneAsync(ApiTestCluster cluster, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cluster.GetAsync(path)).Status != 404)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} is still there");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
