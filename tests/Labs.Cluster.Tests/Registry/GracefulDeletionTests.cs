using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Labs.Cluster.Tests.Access;

namespace Labs.Cluster.Tests.Registry;

/// <summary>Graceful deletion of pods (rest.BeforeDelete with the pod's CheckGracefulDelete), on the registry's write path.</summary>
public sealed class GracefulDeletionTests
{
    private const string Ns = "default";
    private static readonly GroupResource Pods = new("", "pods");
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    private static (RegistryStore Store, TestClock Clock) NewStore()
    {
        var clock = new TestClock(Start);
        var store = new RegistryStore(new InMemoryObjectStore(timeProvider: clock), time: clock);
        store.Create(new GroupResource("", "namespaces"), null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Ns } });
        return (store, clock);
    }

    private static JsonObject CreatePod(RegistryStore store, string name, string? nodeName = "labs-node-1", long? grace = null, string? finalizer = null)
    {
        var pod = (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}" },
              "spec": { "containers": [ { "name": "main", "image": "nginx" } ] } }
            """)!;
        if (nodeName is not null)
        {
            pod["spec"]!["nodeName"] = nodeName;
        }

        if (grace is { } seconds)
        {
            pod["spec"]!["terminationGracePeriodSeconds"] = seconds;
        }

        if (finalizer is not null)
        {
            pod["metadata"]!["finalizers"] = new JsonArray(finalizer);
        }

        return store.Create(Pods, Ns, pod);
    }

    private static long? Grace(JsonObject pod) => (long?)pod["metadata"]?["deletionGracePeriodSeconds"];

    private static string? Deletion(JsonObject pod) => (string?)pod["metadata"]?["deletionTimestamp"];

    [Fact]
    public void Deleting_a_scheduled_pod_marks_it_for_its_termination_grace_period_instead_of_removing_it()
    {
        var (store, _) = NewStore();
        CreatePod(store, "web");

        var answered = store.Delete(Pods, Ns, "web", null, dryRun: false);

        Assert.Equal(30, Grace(answered));
        Assert.Equal("2026-12-02T03:00:30Z", Deletion(answered));
        var stored = store.Get(Pods, Ns, "web")!;
        Assert.Equal(30, Grace(stored));
        Assert.Equal("Terminating", (string?)Labs.Cluster.Registry.Core.PodStrategy.Entry.Columns[2].Cell(stored, Start));
    }

    [Fact]
    public void The_requests_grace_period_wins_over_the_pods_own()
    {
        var (store, _) = NewStore();
        CreatePod(store, "web", grace: 60);

        Assert.Equal(5, Grace(store.Delete(Pods, Ns, "web", null, dryRun: false, gracePeriodSeconds: 5)));
        Assert.Equal("2026-12-02T03:00:05Z", Deletion(store.Get(Pods, Ns, "web")!));
    }

    [Fact]
    public void A_later_delete_may_shorten_the_grace_period_but_never_lengthen_it()
    {
        var (store, clock) = NewStore();
        CreatePod(store, "web");
        store.Delete(Pods, Ns, "web", null, dryRun: false);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(30, Grace(store.Delete(Pods, Ns, "web", null, dryRun: false, gracePeriodSeconds: 45)));
        Assert.Equal(30, Grace(store.Delete(Pods, Ns, "web", null, dryRun: false)));

        var shortened = store.Delete(Pods, Ns, "web", null, dryRun: false, gracePeriodSeconds: 1);
        Assert.Equal(1, Grace(shortened));
        // The deletion moves forward by the 29 seconds given up, from when it was first asked.
        Assert.Equal("2026-12-02T03:00:01Z", Deletion(shortened));
    }

    [Fact]
    public void A_grace_period_of_zero_removes_the_pod_at_once_even_while_it_terminates()
    {
        var (store, _) = NewStore();
        CreatePod(store, "now");
        CreatePod(store, "later");
        store.Delete(Pods, Ns, "later", null, dryRun: false);

        store.Delete(Pods, Ns, "now", null, dryRun: false, gracePeriodSeconds: 0);
        store.Delete(Pods, Ns, "later", gracePeriodSeconds: 0);

        Assert.Null(store.Get(Pods, Ns, "now"));
        Assert.Null(store.Get(Pods, Ns, "later"));
    }

    [Fact]
    public void A_pod_no_kubelet_runs_yet_or_that_has_finished_is_removed_at_once()
    {
        var (store, _) = NewStore();
        CreatePod(store, "unscheduled", nodeName: null);
        var done = CreatePod(store, "done");
        done["status"] = new JsonObject { ["phase"] = "Succeeded" };
        store.UpdateStatus(Pods, Ns, done);

        store.Delete(Pods, Ns, "unscheduled", null, dryRun: false);
        store.Delete(Pods, Ns, "done", null, dryRun: false);

        Assert.Null(store.Get(Pods, Ns, "unscheduled"));
        Assert.Null(store.Get(Pods, Ns, "done"));
    }

    [Fact]
    public void A_negative_grace_period_counts_as_one_second()
    {
        var (store, _) = NewStore();
        CreatePod(store, "web");

        Assert.Equal(1, Grace(store.Delete(Pods, Ns, "web", null, dryRun: false, gracePeriodSeconds: -5)));
    }

    [Fact]
    public void A_force_delete_of_a_pod_with_a_finalizer_marks_it_with_no_grace_period_until_the_finalizer_goes()
    {
        var (store, _) = NewStore();
        CreatePod(store, "held", finalizer: "labs.dev/hold");

        var marked = store.Delete(Pods, Ns, "held", null, dryRun: false, gracePeriodSeconds: 0);

        Assert.Equal(0, Grace(marked));
        Assert.NotNull(store.Get(Pods, Ns, "held"));
        store.RemoveFinalizer(Pods, Ns, "held", "labs.dev/hold");
        Assert.Null(store.Get(Pods, Ns, "held"));
    }

    [Fact]
    public void A_controllers_delete_of_a_pod_is_graceful_too_and_other_kinds_go_at_once()
    {
        var (store, _) = NewStore();
        CreatePod(store, "web");
        var configMaps = new GroupResource("", "configmaps");
        store.Create(configMaps, Ns, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "settings" } });

        store.Delete(Pods, Ns, "web");
        store.Delete(configMaps, Ns, "settings", gracePeriodSeconds: 30);

        Assert.Equal(30, Grace(store.Get(Pods, Ns, "web")!));
        Assert.Null(store.Get(configMaps, Ns, "settings"));
    }
}
