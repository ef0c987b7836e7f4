using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

/// <summary>The pods/ephemeralcontainers subresource: only ephemeral containers change, only by being added, and validly.</summary>
public sealed class EphemeralContainersTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private const string Smp = "application/strategic-merge-patch+json";

    private static async Task<ApiTestCluster> WithPodAsync()
    {
        var cluster = await ApiTestCluster.StartAsync();
        var (status, _, _) = await cluster.SendAsync(HttpMethod.Post, Pods, """
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "web" },
              "spec": { "containers": [ { "name": "web", "image": "nginx" } ] } }
            """);
        Assert.Equal(201, status);
        return cluster;
    }

    private static string Causes(JsonNode? status) =>
        string.Join(" | ", status!["details"]!["causes"]!.AsArray().Select(c => $"{c!["field"]}: {c["message"]}"));

    [Fact]
    public async Task A_patch_adds_an_ephemeral_container_and_changes_nothing_else_of_the_pod()
    {
        await using var cluster = await WithPodAsync();

        var (status, pod, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Pods}/web/ephemeralcontainers", """
            { "metadata": { "labels": { "sneaky": "yes" } },
              "spec": { "ephemeralContainers": [ { "name": "dbg", "image": "busybox", "stdin": true, "targetContainerName": "web" } ] } }
            """, Smp);

        Assert.Equal(200, status);
        Assert.Equal("dbg", (string?)pod!["spec"]!["ephemeralContainers"]![0]!["name"]);
        Assert.Equal("File", (string?)pod["spec"]!["ephemeralContainers"]![0]!["terminationMessagePolicy"]);
        Assert.Null(pod["metadata"]!["labels"]?["sneaky"]);
        var (_, read, _) = await cluster.GetAsync($"{Pods}/web/ephemeralcontainers");
        Assert.Equal("Pod", (string?)read!["kind"]);
    }

    [Fact]
    public async Task Fields_only_ordinary_containers_have_are_refused_with_the_validators_words()
    {
        await using var cluster = await WithPodAsync();

        var (status, answer, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Pods}/web/ephemeralcontainers", """
            { "spec": { "ephemeralContainers": [ { "name": "dbg", "image": "busybox", "ports": [ { "containerPort": 80 } ], "resources": {} } ] } }
            """, Smp);

        Assert.Equal(422, status);
        Assert.Equal("spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container", Causes(answer));
    }

    [Fact]
    public async Task An_ephemeral_container_once_added_may_be_neither_changed_nor_removed()
    {
        await using var cluster = await WithPodAsync();
        await cluster.SendAsync(HttpMethod.Patch, $"{Pods}/web/ephemeralcontainers",
            """{ "spec": { "ephemeralContainers": [ { "name": "dbg", "image": "busybox" } ] } }""", Smp);

        var (removedStatus, removed, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Pods}/web/ephemeralcontainers",
            """[ { "op": "remove", "path": "/spec/ephemeralContainers" } ]""", "application/json-patch+json");
        var (changedStatus, changed, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Pods}/web/ephemeralcontainers",
            """{ "spec": { "ephemeralContainers": [ { "name": "dbg", "image": "alpine" } ] } }""", Smp);

        Assert.Equal(422, removedStatus);
        Assert.Equal("spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be removed\n", Causes(removed));
        Assert.Equal(422, changedStatus);
        Assert.StartsWith("spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be changed", Causes(changed), StringComparison.Ordinal);
    }
}
