using Labs.Testing;

namespace Labs.Sessions.Tests;

/// <summary>A learner who signs in takes their running sessions into the account; instructors see every session.</summary>
public sealed class SessionTransferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeKubernetesApi _kube = new();

    private SessionManager Manager(SessionRegistry registry, int maxLive = 3) => Managers.Create(
        _kube,
        registry,
        new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(1), MaxLiveSessionsPerLearner = maxLive });

    [Fact]
    public async Task Signing_in_moves_the_anonymous_learners_sessions_to_the_account_and_finishes_a_second_one_of_the_same_lab()
    {
        var registry = new SessionRegistry();
        var manager = Manager(registry);
        var accounts = await manager.StartAsync("pods-101", "account", null, Ct);
        var duplicate = await manager.StartAsync("pods-101", "anon", null, Ct);
        var other = await manager.StartAsync("services-101", "anon", null, Ct);

        var moved = await manager.TransferAsync("anon", "account", Ct);

        Assert.Equal([other.Id], moved.Select(s => s.Id));
        Assert.Equal([accounts.Id, other.Id], registry.OwnedBy("account").Select(s => s.Id));
        Assert.Empty(registry.OwnedBy("anon"));
        Assert.Null(registry.Find(duplicate.Id));
        Assert.Contains($"delete Namespace /{duplicate.Namespace}", _kube.Log);
        Assert.Null(((ISessionRegistry)registry).FindOwned(other.Id, "anon"));
        Assert.NotNull(((ISessionRegistry)registry).FindOwned(other.Id, "account"));
    }

    [Fact]
    public async Task Moved_sessions_count_against_the_accounts_live_session_limit()
    {
        var registry = new SessionRegistry();
        var manager = Manager(registry, maxLive: 2);
        await manager.StartAsync("one", "account", null, Ct);
        await manager.StartAsync("two", "anon", null, Ct);
        await manager.StartAsync("three", "anon", null, Ct);

        await manager.TransferAsync("anon", "account", Ct);

        await Assert.ThrowsAsync<SessionLimitException>(() => manager.StartAsync("four", "account", null, Ct));
        await manager.StartAsync("five", "anon", null, Ct);
    }

    [Fact]
    public async Task An_overseer_sees_every_session_and_owns_none()
    {
        ISessionRegistry registry = new SessionRegistry(new Overseers("instructor"));
        var session = await Manager((SessionRegistry)registry).StartAsync("pods-101", "alice", null, Ct);

        Assert.Same(session, registry.FindVisible(session.Id, "instructor"));
        Assert.Same(session, registry.FindVisible(session.Id, "alice"));
        Assert.Null(registry.FindVisible(session.Id, "bob"));
        Assert.Null(registry.FindVisible(session.Id, null));
        Assert.Null(registry.FindOwned(session.Id, "instructor"));
    }

    private sealed class Overseers(params string[] ids) : ISessionOverseers
    {
        public bool SeesEveryone(string learnerId) => ids.Contains(learnerId);
    }
}
