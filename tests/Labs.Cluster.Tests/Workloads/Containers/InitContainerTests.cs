using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Registry.Core;

namespace Labs.Cluster.Workloads.Containers;

/// <summary>
/// Init containers and sidecars run for real, as the kubelet runs them: one after the other, each to success before
/// the next, the regular containers only after them; a failure fails the pod (restartPolicy Never) or backs off; a
/// sidecar runs beside the regular containers and is stopped once they finish.
/// </summary>
public sealed class InitContainerTests
{
    private const string Ns = "default";

    [Fact]
    public async Task Init_containers_run_in_order_before_the_containers_and_share_their_volumes()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("ordered", "Always",
            [Sh("first", "echo one >> /work/order"), Sh("second", "echo two >> /work/order")],
            [Sh("main", "cat /work/order; exec sleep 3600")]));

        var pod = await WaitForAsync(f, "ordered", p => p.Str("status", "phase") == "Running" && Ready(p), "the pod to run");
        // The app reads what the init containers wrote, in their order (its output may lag its start).
        await Eventually.UntilAsync(async () => await f.LogsAsync(pod) == "one\ntwo\n" ? "" : null, "the app's log of the init containers' file");
        var inits = pod.Arr("status", "initContainerStatuses")!.Objects().ToList();
        Assert.Equal(["first", "second"], inits.Select(s => s.Str("name")));
        Assert.All(inits, s => Assert.Equal(("Completed", 0L, "true", "false"),
            (s.Str("state", "terminated", "reason"), s.Long("state", "terminated", "exitCode"), s["ready"]!.ToJsonString(), s["started"]!.ToJsonString())));
        Assert.Equal(("True", null), Condition(pod, "Initialized"));
        Assert.Equal(("1/1", "Running", "0"), PodPrinter.Cells(pod, DateTimeOffset.UtcNow));

        // The kubelet's events, in the order it made and started the containers (each recorded once, so their versions say when).
        var started = Events(f, "ordered").Where(e => e.Reason == "Started").Select(e => e.FieldPath).ToList();
        Assert.Equal(["spec.initContainers{first}", "spec.initContainers{second}", "spec.containers{main}"], started);
    }

    [Fact]
    public async Task A_pod_waits_for_its_init_container_with_the_status_kubectl_shows()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("waiting", "Always",
            [Sh("wait-for-db", "until [ -f /work/db-ready ]; do sleep 0.2; done"), Sh("migrate", "echo migrated")],
            [Sh("main", "exec sleep 3600")]));

        var pod = await WaitForAsync(f, "waiting", p => p.Arr("status", "initContainerStatuses")?[0]?.At("state", "running") is not null, "the first init container to run");
        Assert.Equal("Pending", pod.Str("status", "phase"));
        Assert.Equal(("0/1", "Init:0/2", "0"), PodPrinter.Cells(pod, DateTimeOffset.UtcNow));
        Assert.Equal(("False", "containers with incomplete status: [wait-for-db migrate]"), Condition(pod, "Initialized"));
        Assert.Equal(("False", "containers with unready status: [main]"), Condition(pod, "Ready"));
        Assert.Equal("PodInitializing", pod.Arr("status", "initContainerStatuses")![1]!.Str("state", "waiting", "reason"));
        Assert.Equal("PodInitializing", pod.Arr("status", "containerStatuses")![0]!.Str("state", "waiting", "reason"));
        var logs = await Assert.ThrowsAsync<ApiException>(() => f.LogsAsync(pod));
        Assert.Equal("container \"main\" in pod \"waiting\" is waiting to start: PodInitializing", logs.Message);

        // What the init container waits for turns up in the volume they share: the rest of the pod starts.
        File.WriteAllText(Path.Combine(VolumeDirectory(f, pod), "db-ready"), "");
        pod = await WaitForAsync(f, "waiting", p => p.Str("status", "phase") == "Running" && Ready(p), "the pod to run");
        Assert.Equal(("True", null), Condition(pod, "Initialized"));
    }

    [Fact]
    public async Task A_failed_init_container_fails_a_pod_that_never_restarts_and_its_containers_never_start()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("broken", "Never",
            [Sh("init1", "true"), Sh("init2", "echo no database >&2; exit 3")],
            [Sh("main", "echo should not run")]));

        var pod = await WaitForAsync(f, "broken", p => p.Str("status", "phase") == "Failed", "the pod to fail");
        Assert.Equal(("0/1", "Init:Error", "0"), PodPrinter.Cells(pod, DateTimeOffset.UtcNow));
        Assert.Equal(("False", "containers with incomplete status: [init2]"), Condition(pod, "Initialized"));
        Assert.Equal(("False", "PodFailed"), (Condition(pod, "Ready").Status, ConditionReason(pod, "Ready")));
        var init2 = pod.Arr("status", "initContainerStatuses")![1]!;
        Assert.Equal((3L, "Error"), (init2.Long("state", "terminated", "exitCode"), init2.Str("state", "terminated", "reason")));
        Assert.Equal("PodInitializing", pod.Arr("status", "containerStatuses")![0]!.Str("state", "waiting", "reason"));
        Assert.DoesNotContain(Events(f, "broken"), e => e.FieldPath == "spec.containers{main}");
    }

    [Fact]
    public async Task A_failing_init_container_of_a_restarting_pod_backs_off_and_the_pod_stays_pending()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("retrying", "Always", [Sh("setup", "exit 1")], [Sh("main", "exec sleep 3600")]));

        var pod = await WaitForAsync(f, "retrying",
            p => p.Arr("status", "initContainerStatuses")?[0]?.Str("state", "waiting", "reason") == "CrashLoopBackOff", "the init container to back off");
        Assert.Equal("Pending", pod.Str("status", "phase"));
        var (ready, status, restarts) = PodPrinter.Cells(pod, DateTimeOffset.UtcNow);
        Assert.Equal(("0/1", "Init:CrashLoopBackOff"), (ready, status));
        Assert.StartsWith("1 (", restarts, StringComparison.Ordinal);
        Assert.Contains(Events(f, "retrying"), e => e.Reason == "BackOff" && e.FieldPath == "spec.initContainers{setup}");
        Assert.Equal("PodInitializing", pod.Arr("status", "containerStatuses")![0]!.Str("state", "waiting", "reason"));
    }

    [Fact]
    public async Task A_sidecar_runs_beside_the_containers_and_stops_once_they_have_finished()
    {
        await using var f = new SimulatorFixture();
        var sidecar = Sh("logger", "while true; do echo tick; sleep 0.2; done");
        sidecar["restartPolicy"] = "Always";
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("job-like", "Never", [sidecar], [Sh("main", "until [ -f /work/done ]; do sleep 0.2; done")]));

        var pod = await WaitForAsync(f, "job-like", p => p.Str("status", "phase") == "Running" && Ready(p), "the pod to run with its sidecar");
        Assert.Equal(("2/2", "Running", "0"), PodPrinter.Cells(pod, DateTimeOffset.UtcNow));
        var side = pod.Arr("status", "initContainerStatuses")![0]!;
        Assert.Equal(("true", "true"), (side["started"]!.ToJsonString(), side["ready"]!.ToJsonString()));
        Assert.NotNull(side.At("state", "running"));

        File.WriteAllText(Path.Combine(VolumeDirectory(f, pod), "done"), "");
        pod = await WaitForAsync(f, "job-like", p => p.Str("status", "phase") == "Succeeded", "the pod to succeed once its sidecar stopped");
        Assert.NotNull(pod.Arr("status", "initContainerStatuses")![0]!.At("state", "terminated"));
        Assert.Contains(Events(f, "job-like"), e => e.Reason == "Killing" && e.FieldPath == "spec.initContainers{logger}");
    }

    [Fact]
    public async Task A_simulated_server_as_a_sidecar_passes_its_startup_probe_before_the_app_starts()
    {
        await using var f = new SimulatorFixture();
        var proxy = (JsonObject)JsonNode.Parse("""
            { "name": "proxy", "image": "nginx", "restartPolicy": "Always",
              "startupProbe": { "httpGet": { "path": "/", "port": 80 }, "periodSeconds": 1 } }
            """)!;
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("proxied", "Always", [proxy], [Sh("app", "exec sleep 3600")]));

        var pod = await WaitForAsync(f, "proxied", p => Ready(p), "the pod to be ready");
        Assert.Equal(("2/2", "Running", "0"), PodPrinter.Cells(pod, DateTimeOffset.UtcNow));
        Assert.DoesNotContain(Events(f, "proxied"), e => e.Reason == "Unhealthy");
    }

    private static JsonObject Sh(string name, string script) => new()
    {
        ["name"] = name,
        ["image"] = "busybox",
        ["command"] = new JsonArray("sh", "-c", script),
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "work", ["mountPath"] = "/work" }),
    };

    private static JsonObject Pod(string name, string restartPolicy, JsonObject[] inits, JsonObject[] containers) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject
        {
            ["restartPolicy"] = restartPolicy,
            ["terminationGracePeriodSeconds"] = 1,
            ["initContainers"] = new JsonArray([.. inits]),
            ["containers"] = new JsonArray([.. containers]),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "work", ["emptyDir"] = new JsonObject() }),
        },
    };

    private static Task<JsonObject> WaitForAsync(SimulatorFixture f, string name, Func<JsonObject, bool> done, string what) =>
        Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name) is { } p && done(p) ? p : null, what);

    private static bool Ready(JsonObject pod) =>
        pod.Arr("status", "conditions")?.Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;

    private static (string? Status, string? Message) Condition(JsonObject pod, string type) =>
        pod.Arr("status", "conditions")!.Objects().Where(c => c.Str("type") == type).Select(c => (c.Str("status"), c.Str("message"))).Single();

    private static string? ConditionReason(JsonObject pod, string type) =>
        pod.Arr("status", "conditions")!.Objects().Single(c => c.Str("type") == type).Str("reason");

    private static string VolumeDirectory(SimulatorFixture f, JsonObject pod) =>
        PodVolumes.VolumeDirectory(Path.Combine(f.DataDirectory, "pods", pod.Uid()), "work");

    private static List<(string? Reason, string? FieldPath)> Events(SimulatorFixture f, string pod) =>
        [.. f.List(new Storage.GroupResource("", "events"), Ns)
            .Where(e => e.Str("involvedObject", "name") == pod)
            .OrderBy(e => long.Parse(e.Str("metadata", "resourceVersion")!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => (e.Str("reason"), e.Str("involvedObject", "fieldPath")))];
}
