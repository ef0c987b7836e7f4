using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Workloads.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads;

public sealed class MetricsApiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly FakeObjectStore _store = new();
    private readonly Dictionary<string, (long?, long?)> _measured = [];

    private MetricsApi Api() => new(_store, uid => _measured.GetValueOrDefault(uid), _clock);

    private static ApiRequest Get(string resource, string ns = "", string name = "") =>
        new(name.Length > 0 ? "get" : "list", "/apis/metrics.k8s.io/v1beta1", true, "metrics.k8s.io", "v1beta1", resource, "", ns, name);

    private JsonObject Pod(string name, string phase = "Running", string node = "labs-node-2", string? resources = null)
    {
        var container = new JsonObject { ["name"] = "main", ["image"] = "nginx" };
        if (resources is not null)
        {
            container["resources"] = JsonNode.Parse(resources);
        }

        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(container) },
            ["status"] = new JsonObject { ["phase"] = phase, ["startTime"] = "2026-12-02T09:59:00Z" },
        };
        return _store.Create(WorkloadResources.Pods, "lab", pod);
    }

    [Fact]
    public void Only_running_pods_are_listed_with_their_labels_and_a_usage_per_container()
    {
        Pod("web");
        Pod("pending", phase: "Pending");
        var list = Api().Get(Get("pods", "lab"), null, null);
        Assert.Equal("PodMetricsList", (string?)list["kind"]);
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal("web", (string?)item["metadata"]!["name"]);
        Assert.Equal("web", (string?)item["metadata"]!["labels"]!["app"]);
        var usage = item["containers"]![0]!["usage"]!;
        Assert.EndsWith("n", (string?)usage["cpu"], StringComparison.Ordinal);
        Assert.EndsWith("Ki", (string?)usage["memory"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_sidecar_is_listed_beside_the_containers_and_an_init_container_is_not()
    {
        var pod = Pod("proxied");
        pod["spec"]!["initContainers"] = new JsonArray(
            new JsonObject { ["name"] = "setup", ["image"] = "busybox" },
            new JsonObject { ["name"] = "proxy", ["image"] = "nginx", ["restartPolicy"] = "Always" });
        _store.Update(WorkloadResources.Pods, "lab", pod);

        var metrics = Api().Get(Get("pods", "lab", "proxied"), null, null);
        Assert.Equal(["main", "proxy"], metrics["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Simulated_usage_is_stable_and_stays_within_the_containers_limits()
    {
        var pod = Pod("capped", resources: """{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"100m","memory":"64Mi"}}""");
        var container = pod["spec"]!["containers"]![0]!.AsObject();
        var first = SimulatedUsage.Of(pod, container);
        Assert.Equal(first, SimulatedUsage.Of(pod, container));
        Assert.InRange(first.NanoCores, 1, 90_000_000);
        Assert.InRange(first.MemoryBytes, 1, (long)(64 * 1024 * 1024 * 0.9));
    }

    [Fact]
    public void A_pod_whose_processes_run_here_reports_its_cgroup_and_a_cpu_rate_between_readings()
    {
        var uid = Pod("toolbox").Uid();
        var api = Api();
        _measured[uid] = (60_000_000_000, 50L * 1024 * 1024); // 60 s of CPU over the 60 s since it started: one core.
        var first = api.Get(Get("pods", "lab", "toolbox"), null, null);
        Assert.Equal("1000000000n", (string?)first["containers"]![0]!["usage"]!["cpu"]);
        Assert.Equal("51200Ki", (string?)first["containers"]![0]!["usage"]!["memory"]);
        Assert.Equal("PodMetrics", (string?)first["kind"]);

        _clock.Advance(TimeSpan.FromSeconds(10));
        _measured[uid] = (62_500_000_000, 50L * 1024 * 1024); // 2.5 s more in 10 s: a quarter core.
        var second = api.Get(Get("pods", "lab", "toolbox"), null, null);
        Assert.Equal("250000000n", (string?)second["containers"]![0]!["usage"]!["cpu"]);
        Assert.Equal("10s", (string?)second["window"]);
    }

    [Fact]
    public void Nodes_sum_their_running_pods_over_their_system_daemons()
    {
        _store.Create(WorkloadResources.Nodes, null, JsonNode.Parse("""{"metadata":{"name":"labs-node-2"}}""")!.AsObject());
        var idle = Api().Get(Get("nodes", name: "labs-node-2"), null, null);
        Pod("web", resources: """{"requests":{"cpu":"500m","memory":"128Mi"}}""");
        var busy = Api().Get(Get("nodes", name: "labs-node-2"), null, null);
        Assert.Equal("NodeMetrics", (string?)busy["kind"]);
        Assert.True(Nanocores(busy) >= Nanocores(idle) + 100_000_000);
    }

    [Fact]
    public void Selectors_filter_the_lists_and_missing_objects_get_metrics_servers_not_found()
    {
        Pod("web");
        Pod("db");
        var api = Api();
        Assert.Single(api.Get(Get("pods", "lab"), "app=db", null)["items"]!.AsArray());
        Assert.Single(api.Get(Get("pods", "lab"), null, "metadata.name=web")["items"]!.AsArray());

        var missing = Assert.Throws<ApiException>(() => api.Get(Get("pods", "lab", "nope"), null, null));
        Assert.Equal(404, missing.Code);
        Assert.Equal("pod \"nope\" not found", missing.Message);
        Pod("starting", phase: "Pending");
        var notReady = Assert.Throws<ApiException>(() => api.Get(Get("pods", "lab", "starting"), null, null));
        Assert.Equal("podmetrics.metrics.k8s.io \"lab/starting\" not found", notReady.Message);
    }

    private static long Nanocores(JsonObject metrics) => long.Parse(((string)metrics["usage"]!["cpu"]!).TrimEnd('n'), System.Globalization.CultureInfo.InvariantCulture);
}
