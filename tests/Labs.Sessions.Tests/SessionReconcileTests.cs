using k8s;
using Labs.Data.Entities;
using Labs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Sessions.Tests;

/// <summary>After a restart or a crash: the database and the cluster are brought into agreement; expiry runs on the clock.</summary>
public sealed class SessionReconcileTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly LabSessionOptions Options = new()
    {
        ToolboxServer = new Uri("https://127.0.0.1:6443"), ToolboxReadyTimeout = TimeSpan.FromSeconds(5), DefaultLifetime = TimeSpan.FromMinutes(60),
    };

    private readonly FakeKubernetesApi _kube = new();
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly FakeTimeProvider _clock = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_crash_live_sessions_are_taken_back_and_everything_else_the_platform_labelled_is_deleted()
    {
        // The run before the crash: two sessions, one of which expires while the platform is down.
        var before = Managers.Create(_kube, new SessionRegistry(), Options, database: _database, time: _clock);
        var kept = await before.StartAsync("pods-101", "alice", null, Ct);
        var expiring = await before.StartAsync("services-101", "bob", new LabSetup([], Lifetime: TimeSpan.FromMinutes(5)), Ct);
        // A start the crash interrupted, and a namespace of a session the database never heard of.
        var half = await before.StartAsync("jobs-101", "carol", null, Ct);
        await using (var db = _database.Factory.CreateDbContext())
        {
            await db.Sessions.Where(s => s.Id == half.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, SessionState.Starting), Ct);
        }

        _kube.Add("namespaces", null, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"lab-ghost","labels":{"labs.dev/session":"ghost"}}}""");
        _clock.Advance(TimeSpan.FromMinutes(10));

        var registry = new SessionRegistry();
        var restored = await Managers.Create(_kube, registry, Options, database: _database, time: _clock).ReconcileAsync(Ct);

        Assert.Equal(1, restored);
        var back = registry.Find(kept.Id);
        Assert.NotNull(back);
        Assert.Equal((kept.Namespace, kept.ToolboxPod, kept.OwnerId, kept.LabId, kept.ExpiresAt), (back.Namespace, back.ToolboxPod, back.OwnerId, back.LabId, back.ExpiresAt));
        Assert.Null(registry.Find(expiring.Id));
        Assert.Null(registry.Find(half.Id));
        Assert.Equal(SessionState.Expired, await StateAsync(expiring.Id));
        Assert.Equal(SessionState.Failed, await StateAsync(half.Id));
        Assert.Equal(SessionState.Live, await StateAsync(kept.Id));
        foreach (var gone in new[] { expiring.Namespace, half.Namespace, "lab-ghost" })
        {
            Assert.Contains($"delete Namespace /{gone}", _kube.Log);
        }

        Assert.DoesNotContain($"delete Namespace /{kept.Namespace}", _kube.Log);
        Assert.DoesNotContain("delete Namespace /labs-system", _kube.Log);
        Assert.True((await Managers.Create(_kube, registry, Options, database: _database, time: _clock).StartOrResumeAsync("pods-101", "alice", null, Ct)).Resumed);
    }

    [Fact]
    public async Task A_live_session_whose_toolbox_is_gone_is_ended_instead_of_taken_back()
    {
        var session = await Managers.Create(_kube, new SessionRegistry(), Options, database: _database, time: _clock).StartAsync("pods-101", "alice", null, Ct);
        await _kube.Client.CoreV1.DeleteNamespacedPodAsync(session.ToolboxPod, "labs-system", cancellationToken: Ct);

        var registry = new SessionRegistry();
        Assert.Equal(0, await Managers.Create(_kube, registry, Options, database: _database, time: _clock).ReconcileAsync(Ct));

        Assert.Empty(registry.All);
        Assert.Equal(SessionState.Failed, await StateAsync(session.Id));
        Assert.Contains($"delete Namespace /{session.Namespace}", _kube.Log);
    }

    [Fact]
    public async Task The_reaper_ends_a_session_when_the_clock_passes_its_expiry()
    {
        var registry = new SessionRegistry();
        var manager = Managers.Create(_kube, registry, Options, database: _database, time: _clock);
        // Expires before the reaper's first tick, which then finds it expired whatever the clock's callbacks do.
        var session = await manager.StartAsync("pods-101", "alice", new LabSetup([], Lifetime: Options.ReapInterval / 2), Ct);
        var ended = new TaskCompletionSource<LabSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.SessionEnded += s => ended.TrySetResult(s);
        var services = new ServiceCollection().AddSingleton(manager).BuildServiceProvider();
        using var reaper = new SessionExpiryReaper(services, Microsoft.Extensions.Options.Options.Create(Options), _clock, NullLogger<SessionExpiryReaper>.Instance);
        await reaper.StartAsync(Ct);

        Assert.False(ended.Task.IsCompleted);
        _clock.Advance(Options.ReapInterval);

        Assert.Equal(session.Id, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Id);
        await reaper.StopAsync(Ct);
        Assert.Equal(SessionState.Expired, await StateAsync(session.Id));
    }

    private async Task<SessionState> StateAsync(string sessionId)
    {
        await using var db = _database.Factory.CreateDbContext();
        return await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.State).SingleAsync(Ct);
    }

    public void Dispose() => _database.Dispose();
}
