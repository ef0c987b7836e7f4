using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Tests.Access;
using Labs.Cluster.Workloads.Controllers;

namespace Labs.Cluster.Workloads;

/// <summary>The ReplicaSet controller against a namespace whose quota refuses pods, reconciled by hand on a hand-moved clock.</summary>
public sealed class ReplicaSetQuotaTests
{
    private const string Ns = "learner";
    private static readonly GroupResource Quotas = new("", "resourcequotas");
    private static readonly GroupResource Events = new("", "events");

    private readonly TestClock _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AdmittingObjectStore _store = new(new InMemoryObjectStore());
    private readonly ReplicaSetController _controller;

    public ReplicaSetQuotaTests()
    {
        _controller = new ReplicaSetController(_store, new EventRecorder(_store, _clock), _clock);
        _store.Create(new GroupResource("", "namespaces"), null, Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"learner"}}"""));
        _store.Create(Quotas, Ns, Json("""{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"labs-budget"},"spec":{"hard":{"pods":"10"}}}"""));
        _store.Create(WorkloadResources.ReplicaSets, Ns, Json("""
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web"},
             "spec":{"replicas":2000,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}
            """));
    }

    [Fact]
    public void A_set_larger_than_the_quota_stops_at_the_quota_and_says_why()
    {
        var retry = _controller.Reconcile(Ns, "web");

        Assert.Equal(10, _store.List(WorkloadResources.Pods, Ns).Items.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), retry);
        var rs = _store.Get(WorkloadResources.ReplicaSets, Ns, "web")!;
        Assert.Equal(10, rs.Long("status", "replicas"));
        var condition = Assert.Single(rs.Arr("status", "conditions").Objects());
        Assert.Equal("ReplicaFailure", condition.Str("type"));
        Assert.Equal("True", condition.Str("status"));
        Assert.Equal("FailedCreate", condition.Str("reason"));
        Assert.Matches("^pods \"web-[a-z0-9]{5}\" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=10, limited: pods=10$", condition.Str("message"));

        var failed = Assert.Single(_store.List(Events, Ns).Items, e => e.Str("type") == "Warning");
        Assert.Equal(10, _store.List(Events, Ns).Items.Count(e => e.Str("reason") == "SuccessfulCreate"));
        Assert.Equal("FailedCreate", failed.Str("reason"));
        Assert.Equal("Warning", failed.Str("type"));
        Assert.Equal("web", failed.Str("involvedObject", "name"));
        Assert.StartsWith("Error creating: pods \"web-", failed.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void Retries_back_off_from_one_second_to_five_minutes_and_extra_syncs_schedule_nothing()
    {
        var delays = new List<TimeSpan?> { _controller.Reconcile(Ns, "web") };

        // A sync caused by some other change while a retry is pending tries once more, but schedules no second retry.
        Assert.Null(_controller.Reconcile(Ns, "web"));
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(delays[^1]!.Value);
            delays.Add(_controller.Reconcile(Ns, "web"));
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], delays.Select(d => d!.Value.TotalSeconds));
        Assert.Equal(10, _store.List(WorkloadResources.Pods, Ns).Items.Count);
        Assert.Equal(12, Assert.Single(_store.List(Events, Ns).Items, e => e.Str("reason") == "FailedCreate").Long("count"));
    }

    [Fact]
    public void Scaling_down_to_what_fits_clears_the_failure()
    {
        _controller.Reconcile(Ns, "web");
        var rs = _store.Get(WorkloadResources.ReplicaSets, Ns, "web")!;
        rs["spec"]!["replicas"] = 4;
        _store.Update(WorkloadResources.ReplicaSets, Ns, rs);

        var retry = _controller.Reconcile(Ns, "web");

        Assert.Null(retry);
        Assert.Equal(4, _store.List(WorkloadResources.Pods, Ns).Items.Count);
        Assert.Null(_store.Get(WorkloadResources.ReplicaSets, Ns, "web")!.At("status", "conditions"));
        Assert.Equal("4", _store.Get(Quotas, Ns, "labs-budget")!.Str("status", "used", "pods"));
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
