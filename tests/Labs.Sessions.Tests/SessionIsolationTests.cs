using Labs.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Sessions.Tests;

/// <summary>The network policy, the cluster views a lab asks for, and the short-lived token that is refreshed in time.</summary>
public sealed class SessionIsolationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeKubernetesApi _kube = new();
    private readonly FakePodExec _exec = new();
    private readonly SessionRegistry _registry = new();
    private readonly FakeTimeProvider _clock = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SessionManager Manager() => Managers.Create(
        _kube, _registry, new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(5), TokenExpirationSeconds = 3600 },
        _exec, time: _clock);

    [Fact]
    public async Task Every_learner_namespace_denies_ingress_from_other_namespaces_and_allows_its_own_pods_and_toolbox()
    {
        var session = await Manager().StartAsync("lab", "alice", null, Ct);

        var policy = _kube.Stored[("networkpolicies", session.Namespace, "labs-isolation")];
        var expected = System.Text.Json.Nodes.JsonNode.Parse("""
            {"podSelector":{},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{}},
             {"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"labs-system"}},"podSelector":{"matchLabels":{"labs.dev/session":"SESSION"}}}]}]}
            """.Replace("SESSION", session.Id, StringComparison.Ordinal));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, policy["spec"]), policy["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task A_lab_that_asks_for_cluster_views_gets_read_only_access_to_exactly_those_bound_to_the_learner()
    {
        var session = await Manager().StartAsync("lab", "alice", new LabSetup([], ClusterViews: ["nodes", "storageclasses", "persistentvolumes"]), Ct);

        var name = $"labs-view-{session.Namespace}";
        var role = _kube.Stored[("clusterroles", null, name)];
        Assert.Equal(
            """[{"apiGroups":[""],"resources":["nodes","persistentvolumes"],"verbs":["get","list","watch"]},{"apiGroups":["storage.k8s.io"],"resources":["storageclasses"],"verbs":["get","list","watch"]}]""",
            role["rules"]!.ToJsonString());
        var binding = _kube.Stored[("clusterrolebindings", null, name)];
        Assert.Equal($$"""[{"kind":"ServiceAccount","name":"learner","namespace":"{{session.Namespace}}"}]""", binding["subjects"]!.ToJsonString());
        Assert.Equal(session.Id, binding["metadata"]!["labels"]!["labs.dev/session"]!.GetValue<string>());

        await Manager().EndAsync(session.Id, Ct);
        Assert.Contains($"delete ClusterRoleBinding /{name}", _kube.Log);
        Assert.Contains($"delete ClusterRole /{name}", _kube.Log);
    }

    [Fact]
    public async Task A_lab_without_cluster_views_gets_no_cluster_role()
    {
        await Manager().StartAsync("lab", "alice", null, Ct);

        Assert.DoesNotContain(_kube.Stored.Keys, k => k.Plural is "clusterroles" or "clusterrolebindings");
    }

    [Fact]
    public async Task The_token_is_renewed_in_the_toolbox_when_a_third_of_its_life_is_left()
    {
        var manager = Manager();
        var session = await manager.StartAsync("lab", "alice", null, Ct);
        Assert.Equal(T0.AddHours(1), session.TokenExpiresAt);

        _clock.Advance(TimeSpan.FromMinutes(39));
        Assert.Equal(0, await manager.RefreshTokensAsync(Ct));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await manager.RefreshTokensAsync(Ct));

        Assert.Equal(T0.AddMinutes(100), _registry.Find(session.Id)!.TokenExpiresAt);
        Assert.Equal(2, Managers.Kubeconfigs(_exec).Count);
        Assert.Equal(2, _kube.Log.Count(l => l == $"create ServiceAccount/token {session.Namespace}/learner"));
    }
}
