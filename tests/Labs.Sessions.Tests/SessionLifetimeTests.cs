using System.Text.Json.Nodes;
using Labs.Data.Entities;
using Labs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Sessions.Tests;

/// <summary>One live session per learner and lab, kept in the database; Reset, Extend and expiry on a fake clock.</summary>
public sealed class SessionLifetimeTests : IDisposable
{
    private const string Learner = "learner-1";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeKubernetesApi _kube = new();
    private readonly SessionRegistry _registry = new();
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly FakeTimeProvider _clock = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SessionManager Manager(Action<LabSessionOptions>? configure = null)
    {
        var options = new LabSessionOptions { ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return Managers.Create(_kube, _registry, options, database: _database, time: _clock);
    }

    [Fact]
    public async Task Starting_a_lab_the_learner_already_runs_resumes_that_session()
    {
        var manager = Manager();
        var first = await manager.StartOrResumeAsync("pods-101", Learner, null, Ct);
        var again = await manager.StartOrResumeAsync("pods-101", Learner, null, Ct);
        var other = await manager.StartOrResumeAsync("services-101", Learner, null, Ct);

        Assert.False(first.Resumed);
        Assert.True(again.Resumed);
        Assert.Equal(first.Session.Id, again.Session.Id);
        Assert.NotEqual(first.Session.Id, other.Session.Id);
        Assert.Equal(2, _kube.Log.Count(l => l.StartsWith("create Namespace /lab-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_tabs_starting_the_same_lab_at_once_get_one_session_and_one_namespace()
    {
        var manager = Manager();
        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => manager.StartOrResumeAsync("pods-101", Learner, null, Ct), Ct)));

        Assert.Single(starts.Select(s => s.Session.Id).Distinct());
        Assert.Equal(1, starts.Count(s => !s.Resumed));
        Assert.Single(_kube.Log, l => l.StartsWith("create Namespace /lab-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_started_session_is_recorded_live_with_its_namespace_and_an_expiry_from_the_labs_lifetime()
    {
        var session = await Manager().StartAsync("pods-101", Learner, new LabSetup([], Lifetime: TimeSpan.FromMinutes(45)), Ct);

        Assert.Equal(T0.AddMinutes(45), session.ExpiresAt);
        var record = await StoredAsync(session.Id);
        Assert.Equal((SessionState.Live, session.Namespace, session.ToolboxPod, T0.AddMinutes(45), "pods-101", Learner),
            (record.State, record.Namespace, record.ToolboxPod, record.ExpiresAt, record.LabId, record.LearnerId));
    }

    [Fact]
    public async Task Finishing_records_the_end_and_deletes_the_namespace()
    {
        var manager = Manager();
        var session = await manager.StartAsync("pods-101", Learner, null, Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await manager.EndAsync(session.Id, SessionEndReason.Finished, Ct));

        var record = await StoredAsync(session.Id);
        Assert.Equal((SessionState.Finished, (DateTimeOffset?)T0.AddMinutes(5)), (record.State, record.EndedAt));
        Assert.Contains($"delete Namespace /{session.Namespace}", _kube.Log);
        Assert.False((await manager.StartOrResumeAsync("pods-101", Learner, null, Ct)).Resumed);
    }

    [Fact]
    public async Task Extending_adds_the_extension_and_stops_at_the_longest_a_session_may_last()
    {
        var manager = Manager(o => (o.DefaultLifetime, o.ExtendBy, o.MaxLifetime) = (TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(100)));
        var session = await manager.StartAsync("pods-101", Learner, null, Ct);

        var extended = await manager.ExtendAsync(session.Id, Ct);
        Assert.Equal(T0.AddMinutes(90), extended!.ExpiresAt);
        Assert.Equal(T0.AddMinutes(90), (await StoredAsync(session.Id)).ExpiresAt);
        Assert.Equal(T0.AddMinutes(100), (await manager.ExtendAsync(session.Id, Ct))!.ExpiresAt);
        var refused = await Assert.ThrowsAsync<SessionBusyException>(() => manager.ExtendAsync(session.Id, Ct));
        Assert.Contains("cannot be extended any further", refused.Message, StringComparison.Ordinal);
        Assert.Null(await manager.ExtendAsync("no-such-session", Ct));
    }

    [Fact]
    public async Task Expired_sessions_are_reaped_on_the_clock_and_recorded_as_expired()
    {
        var manager = Manager(o => o.DefaultLifetime = TimeSpan.FromMinutes(30));
        var early = await manager.StartAsync("pods-101", Learner, null, Ct);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var later = await manager.StartAsync("services-101", Learner, null, Ct);

        _clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, await manager.ReapExpiredAsync(Ct));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await manager.ReapExpiredAsync(Ct));

        Assert.Null(_registry.Find(early.Id));
        Assert.NotNull(_registry.Find(later.Id));
        Assert.Equal(SessionState.Expired, (await StoredAsync(early.Id)).State);
        Assert.Contains($"delete Namespace /{early.Namespace}", _kube.Log);
        Assert.DoesNotContain($"delete Namespace /{later.Namespace}", _kube.Log);
    }

    [Fact]
    public async Task Resetting_makes_a_fresh_namespace_with_the_setup_again_and_deletes_the_old_one_keeping_the_session()
    {
        var manager = Manager();
        var configMap = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app"}}""")!.AsObject();
        var setup = new LabSetup([new LabSetupObject(configMap, "labs/pods-101/setup/app.yaml:1")]);
        var session = await manager.StartAsync("pods-101", Learner, setup, Ct);

        var reset = await manager.ResetAsync(session.Id, setup, Ct);

        Assert.NotNull(reset);
        Assert.Equal((session.Id, session.ExpiresAt, 1), (reset.Id, reset.ExpiresAt, reset.Resets));
        Assert.Equal(session.Namespace + "-r1", reset.Namespace);
        Assert.True(_kube.Stored.ContainsKey(("configmaps", reset.Namespace, "app")));
        Assert.Contains($"delete Namespace /{session.Namespace}", _kube.Log);
        Assert.Contains($"delete Pod labs-system/{session.ToolboxPod}", _kube.Log);
        Assert.Same(reset, _registry.Find(session.Id));
        var record = await StoredAsync(session.Id);
        Assert.Equal((reset.Namespace, reset.ToolboxPod, 1, SessionState.Live), (record.Namespace, record.ToolboxPod, record.Resets, record.State));
    }

    private async Task<SessionRecord> StoredAsync(string sessionId)
    {
        await using var db = _database.Factory.CreateDbContext();
        return await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, Ct);
    }

    public void Dispose() => _database.Dispose();
}
