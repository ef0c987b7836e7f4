using Labs.Testing;

namespace Labs.Sessions.Tests;

public sealed class SessionOwnershipTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeKubernetesApi _kube = new();
    private readonly SessionRegistry _registry = new();

    private SessionManager Manager(int maxLive = 3) => Managers.Create(
        _kube,
        _registry,
        new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(1), MaxLiveSessionsPerLearner = maxLive });

    [Fact]
    public async Task A_session_records_its_owner_and_is_found_only_for_them()
    {
        var session = await Manager().StartAsync("lab", "alice", null, Ct);

        ISessionRegistry registry = _registry;
        Assert.Equal("alice", session.OwnerId);
        Assert.Same(session, registry.FindOwned(session.Id, "alice"));
        Assert.Null(registry.FindOwned(session.Id, "bob"));
        Assert.Null(registry.FindOwned(session.Id, null));
        Assert.Null(registry.FindOwned(session.Id, ""));
        Assert.Equal([session], _registry.OwnedBy("alice"));
        Assert.Empty(_registry.OwnedBy("bob"));
    }

    [Fact]
    public async Task A_learner_at_the_live_session_limit_is_refused_before_anything_is_created()
    {
        var manager = Manager(maxLive: 2);
        await manager.StartAsync("one", "alice", null, Ct);
        await manager.StartAsync("two", "alice", null, Ct);
        var created = _kube.Log.Count;

        var error = await Assert.ThrowsAsync<SessionLimitException>(() => manager.StartAsync("three", "alice", null, Ct));

        Assert.Equal("You already have 2 labs running (one, two), the most one learner may have at once. Open one of them and press Finish, then start this one again.", error.Message);
        Assert.Equal(created, _kube.Log.Count);
        Assert.Equal("bob", (await manager.StartAsync("three", "bob", null, Ct)).OwnerId);
    }

    [Fact]
    public async Task Ending_a_session_frees_its_place_under_the_limit()
    {
        var manager = Manager(maxLive: 1);
        var first = await manager.StartAsync("one", "alice", null, Ct);

        await manager.EndAsync(first.Id, Ct);

        Assert.Equal("two", (await manager.StartAsync("two", "alice", null, Ct)).LabId);
    }

    [Fact]
    public async Task A_failed_start_gives_its_place_back()
    {
        var manager = Manager(maxLive: 1);
        _kube.Fail("create", "roles", System.Net.HttpStatusCode.Forbidden, "forbidden");
        await Assert.ThrowsAsync<SessionStartException>(() => manager.StartAsync("one", "alice", null, Ct));
        _kube.Heal("create", "roles");

        Assert.Equal("alice", (await manager.StartAsync("one", "alice", null, Ct)).OwnerId);
    }

    [Fact]
    public void Starts_in_progress_count_against_the_limit()
    {
        using var first = _registry.TryReserve("alice", 2);
        using var second = _registry.TryReserve("alice", 2);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(_registry.TryReserve("alice", 2));
        second!.Dispose();
        using var third = _registry.TryReserve("alice", 2);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Ending_a_session_tells_the_subscribers_once()
    {
        var manager = Manager();
        var session = await manager.StartAsync("lab", "alice", null, Ct);
        var ended = new List<LabSession>();
        _registry.SessionEnded += ended.Add;

        await manager.EndAsync(session.Id, Ct);
        await manager.EndAsync(session.Id, Ct);

        Assert.Equal([session], ended);
    }

    [Fact]
    public async Task A_session_needs_an_owner()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Manager().StartAsync("lab", "", null, Ct));
    }
}
