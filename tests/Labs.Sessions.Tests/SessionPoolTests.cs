using System.Text.Json.Nodes;
using Labs.Testing;

namespace Labs.Sessions.Tests;

/// <summary>The warm pool: environments of a lab made ahead with its setup, handed over on Start, refilled after.</summary>
public sealed class SessionPoolTests : IDisposable
{
    private readonly FakeKubernetesApi _kube = new();
    private readonly SessionRegistry _registry = new();

    // Of its own: the reconciliation below ends every live session of the database whose namespace this fake lacks.
    private readonly TestDatabase _database = TestDatabase.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LabSetup Setup => new([new LabSetupObject(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app"}}""")!.AsObject(), "labs/pods-101/setup/app.yaml:1")]);

    private SessionManager Manager(params ISessionPoolWarmer[] warmers) => Managers.Create(
        _kube, _registry, new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(5) }, database: _database,
        warmers: warmers);

    public void Dispose() => _database.Dispose();

    private int NamespacesCreated => _kube.Log.Count(l => l.StartsWith("create Namespace /lab-", StringComparison.Ordinal));

    [Fact]
    public async Task A_start_takes_a_pooled_environment_with_the_labs_setup_and_makes_nothing_new_until_the_refill()
    {
        var manager = Manager();
        manager.ConfigurePool("pods-101", 2, _ => Task.FromResult(Setup));
        Assert.Equal(2, await manager.FillPoolsAsync(Ct));
        Assert.Equal(2, manager.PooledCount("pods-101"));
        var pooledNamespaces = _kube.Stored.Keys.Where(k => k.Plural == "namespaces" && k.Name.StartsWith("lab-", StringComparison.Ordinal)).Select(k => k.Name).ToList();
        Assert.All(pooledNamespaces, ns => Assert.Equal("pods-101", _kube.Stored[("namespaces", null, ns)]["metadata"]!["labels"]!["labs.dev/pool"]!.GetValue<string>()));

        var outcome = await manager.StartOrResumeAsync("pods-101", "alice", Setup with { Lifetime = TimeSpan.FromMinutes(20) }, Ct);

        Assert.False(outcome.Resumed);
        Assert.Contains(outcome.Session.Namespace, pooledNamespaces);
        Assert.Equal("alice", outcome.Session.OwnerId);
        Assert.True(_kube.Stored.ContainsKey(("configmaps", outcome.Session.Namespace, "app")));
        Assert.Equal(2, NamespacesCreated);
        Assert.Equal(1, manager.PooledCount("pods-101"));
        Assert.Equal(1, await manager.FillPoolsAsync(Ct));
        Assert.Equal(3, NamespacesCreated);
    }

    [Fact]
    public async Task A_lab_without_a_pool_starts_from_scratch_and_a_restart_deletes_environments_nobody_took()
    {
        var manager = Manager();
        manager.ConfigurePool("pods-101", 1, _ => Task.FromResult(Setup));
        await manager.FillPoolsAsync(Ct);
        var cold = await manager.StartAsync("services-101", "alice", null, Ct);
        Assert.Equal(2, NamespacesCreated);

        await Managers.Create(_kube, new SessionRegistry(), new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443") }, database: _database).ReconcileAsync(Ct);

        var left = _kube.Stored.Keys.Where(k => k.Plural == "namespaces" && k.Name.StartsWith("lab-", StringComparison.Ordinal)).Select(k => k.Name).ToList();
        Assert.Equal([cold.Namespace], left);
    }

    [Fact]
    public async Task A_pooled_environment_is_warmed_up_before_it_counts_as_ready_and_keeps_its_id_when_handed_over()
    {
        var warmed = new List<(string Id, string Owner, int PooledThen)>();
        SessionManager? manager = null;
        manager = Manager(new Warmer(session =>
        {
            warmed.Add((session.Id, session.OwnerId, manager!.PooledCount("pods-101")));
            return Task.CompletedTask;
        }));
        manager.ConfigurePool("pods-101", 1, _ => Task.FromResult(Setup));
        await manager.FillPoolsAsync(Ct);

        var (id, owner, pooledThen) = Assert.Single(warmed);
        Assert.Equal(string.Empty, owner);
        Assert.Equal(0, pooledThen);
        Assert.Equal(id, (await manager.StartAsync("pods-101", "alice", Setup, Ct)).Id);
    }

    [Fact]
    public async Task An_environment_whose_warm_up_fails_is_still_pooled_and_handed_over()
    {
        var manager = Manager(new Warmer(_ => throw new TimeoutException("no prompt")));
        manager.ConfigurePool("pods-101", 1, _ => Task.FromResult(Setup));
        Assert.Equal(1, await manager.FillPoolsAsync(Ct));

        await manager.StartAsync("pods-101", "alice", Setup, Ct);
        Assert.Equal(1, NamespacesCreated);
    }

    private sealed class Warmer(Func<LabSession, Task> warm) : ISessionPoolWarmer
    {
        public Task WarmAsync(LabSession session, CancellationToken cancellationToken) => warm(session);
    }
}
