using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Metrics;

/// <summary>
/// <c>metrics.k8s.io/v1beta1</c> as metrics-server serves it, so <c>kubectl top</c> works: NodeMetrics and PodMetrics
/// (get and list, with label and field selectors) of the running pods. A pod whose processes run here reports what
/// its cgroup measures; the simulated containers report <see cref="SimulatedUsage"/>. Nodes sum their pods and
/// their system daemons.
/// </summary>
/// <param name="store">The cluster's objects.</param>
/// <param name="measure">CPU time so far and memory working set of a pod's processes by pod uid (nulls: none run).</param>
/// <param name="time">The clock.</param>
internal sealed class MetricsApi(IObjectStore store, Func<string, (long? CpuNanoseconds, long? WorkingSetBytes)> measure, TimeProvider time)
{
    /// <summary>The group-version served.</summary>
    public const string GroupVersion = "metrics.k8s.io/v1beta1";

    private static readonly GroupResource PodMetricsResource = new("metrics.k8s.io", "podmetrics");
    private static readonly GroupResource NodeMetricsResource = new("metrics.k8s.io", "nodemetrics");
    private readonly UsageSampler _sampler = new(time);

    /// <summary>Discovery's resource list entries of the group-version.</summary>
    public static JsonArray Discovery() => new(
        Entry("nodes", "NodeMetrics", namespaced: false),
        Entry("pods", "PodMetrics", namespaced: true));

    /// <summary>The answer to a GET of nodes or pods (one or a list); 404 for anything else under the group.</summary>
    public JsonObject Get(ApiRequest request, string? labelSelector, string? fieldSelector)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector);
        return request.Resource switch
        {
            "pods" when request.Name.Length > 0 => OnePod(request.Namespace, request.Name),
            "pods" => List("PodMetricsList", Pods(request.Namespace.Length > 0 ? request.Namespace : null)
                .Where(p => labels.Matches(p) && fields.Matches(p)).Select(p => PodMetrics(p, withKind: false))),
            "nodes" when request.Name.Length > 0 => OneNode(request.Name),
            "nodes" => List("NodeMetricsList", Nodes().Where(n => labels.Matches(n) && fields.Matches(n)).Select(n => NodeMetrics(n, withKind: false))),
            _ => throw new ApiException(404, "NotFound", "the server could not find the requested resource"),
        };
    }

    private JsonObject OnePod(string ns, string name)
    {
        // metrics-server answers a missing pod with its lister's error and a pod without metrics with its own.
        var pod = store.Get(WorkloadResources.Pods, ns, name) ?? throw ApiErrors.NotFound(new GroupResource("", "pod"), name);
        return IsRunning(pod) ? PodMetrics(pod, withKind: true) : throw ApiErrors.NotFound(PodMetricsResource, $"{ns}/{name}");
    }

    private JsonObject OneNode(string name)
    {
        var node = store.Get(WorkloadResources.Nodes, null, name) ?? throw ApiErrors.NotFound(new GroupResource("", "node"), name);
        return NodeMetrics(node, withKind: true);
    }

    private IEnumerable<JsonObject> Pods(string? ns) => store.List(WorkloadResources.Pods, ns).Items.Where(IsRunning);

    private IEnumerable<JsonObject> Nodes() => store.List(WorkloadResources.Nodes, null).Items;

    private static bool IsRunning(JsonObject pod) => pod.Str("status", "phase") == "Running" && pod.At("metadata", "deletionTimestamp") is null;

    private JsonObject PodMetrics(JsonObject pod, bool withKind)
    {
        var (containers, window) = Usage(pod);
        var metrics = Metadata(pod, withKind ? "PodMetrics" : null, window);
        metrics["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["usage"] = UsageJson(c.NanoCores, c.MemoryBytes) })]);
        return metrics;
    }

    private JsonObject NodeMetrics(JsonObject node, bool withKind)
    {
        var controlPlane = node.At("metadata", "labels", "node-role.kubernetes.io/control-plane") is not null;
        var (cpu, memory) = SimulatedUsage.NodeOverhead(controlPlane);
        foreach (var pod in Pods(null).Where(p => p.Str("spec", "nodeName") == node.Name()))
        {
            foreach (var container in Usage(pod).Containers)
            {
                cpu += container.NanoCores;
                memory += container.MemoryBytes;
            }
        }

        var metrics = Metadata(node, withKind ? "NodeMetrics" : null, TimeSpan.FromSeconds(20));
        metrics["usage"] = UsageJson(cpu, memory);
        return metrics;
    }

    // Every running container's usage (its sidecars' too, as metrics-server lists them); a pod with processes here
    // reports its cgroup's figures for its first container.
    private (List<ContainerUsage> Containers, TimeSpan Window) Usage(JsonObject pod)
    {
        var sidecars = pod.Arr("spec", "initContainers").Objects().Where(Attach.ContainerKinds.IsSidecar);
        var containers = pod.Arr("spec", "containers").Objects().Concat(sidecars).Select(c => SimulatedUsage.Of(pod, c)).ToList();
        var window = TimeSpan.FromSeconds(20);
        var (cpuTime, workingSet) = measure(pod.Uid());
        if (containers.Count > 0 && (cpuTime is not null || workingSet is not null))
        {
            var started = DateTimeOffset.TryParse(pod.Str("status", "startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : time.GetUtcNow();
            var first = containers[0];
            if (cpuTime is { } consumed)
            {
                (var rate, window) = _sampler.Rate(pod.Uid(), consumed, started);
                first = first with { NanoCores = rate };
            }

            containers[0] = workingSet is { } bytes ? first with { MemoryBytes = bytes } : first;
        }

        return (containers, window);
    }

    private JsonObject Metadata(JsonObject obj, string? kind, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var metadata = new JsonObject { ["name"] = obj.Name() };
        if (obj.Namespace() is { Length: > 0 } ns)
        {
            metadata["namespace"] = ns;
        }

        metadata["creationTimestamp"] = JsonPaths.Timestamp(now);
        if (obj.Obj("metadata", "labels") is { } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        var result = new JsonObject();
        if (kind is not null)
        {
            result["kind"] = kind;
            result["apiVersion"] = GroupVersion;
        }

        result["metadata"] = metadata;
        result["timestamp"] = JsonPaths.Timestamp(now - window);
        result["window"] = GoDuration(window);
        return result;
    }

    private static JsonObject List(string kind, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = GroupVersion,
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. items]),
    };

    // metrics-server's units: nanocores and kibibytes.
    private static JsonObject UsageJson(long nanoCores, long bytes) => new()
    {
        ["cpu"] = nanoCores.ToString(CultureInfo.InvariantCulture) + "n",
        ["memory"] = (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki",
    };

    // Go's time.Duration text for the windows used here (under an hour): 20s, 1m5.5s.
    private static string GoDuration(TimeSpan window)
    {
        var seconds = Math.Round(window.TotalSeconds % 60, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return window.TotalMinutes >= 1 ? $"{(int)window.TotalMinutes}m{seconds}" : seconds;
    }

    private static JsonObject Entry(string plural, string kind, bool namespaced) => new()
    {
        ["name"] = plural,
        ["singularName"] = "",
        ["namespaced"] = namespaced,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "list"),
    };
}
