using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// Binds pods without <c>spec.nodeName</c> to a node that passes the default scheduler's filters in its order (not
/// cordoned unless tolerated, Ready, taints tolerated, node selector and required affinity matched, room for the
/// requests, topology spread and inter-pod affinity), preferring the most preferred node and pod affinity weight, then
/// the emptier spread domains, then the fewest untolerated PreferNoSchedule taints, then the fewest pods; marks the pod Unschedulable, in the scheduler's words, when none does. Both with its events.
/// </summary>
internal sealed class Scheduler(IObjectStore store, NodeRegistrar nodes, EventRecorder events)
{
    private static readonly EventRecorder.Source Source = new("default-scheduler");

    private static readonly TimeSpan UnschedulableRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan VolumeRetry = TimeSpan.FromMilliseconds(500);

    // What a cordoned node amounts to: DaemonSet pods tolerate it.
    private static readonly JsonObject UnschedulableTaint = new() { ["key"] = "node.kubernetes.io/unschedulable", ["effect"] = "NoSchedule" };

    /// <summary>True when the pod is bound and the kubelet may proceed; otherwise <paramref name="retry"/> says when to look again.</summary>
    public bool EnsureScheduled(JsonObject pod, out TimeSpan? retry)
    {
        retry = null;
        if (!string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            return true;
        }

        var allNodes = store.List(WorkloadResources.Nodes, null).Items;
        var claims = VolumeBinding.Claims(store, pod, out var claimProblem);
        if (claimProblem is not null)
        {
            MarkUnschedulable(pod, allNodes.Count, [], claimProblem);
            retry = UnschedulableRetry;
            return false;
        }

        var pods = store.List(WorkloadResources.Pods, null).Items;
        var wants = Requests(pod);

        // The pods already on nodes, for inter-pod affinity and topology spread (finished ones no longer count).
        var placed = pods.Where(p => !string.IsNullOrEmpty(p.Str("spec", "nodeName")) && p.Uid() != pod.Uid() &&
                                     p.Str("status", "phase") is not ("Succeeded" or "Failed")).ToList();
        var antiAffine = PodAffinity.WithAntiAffinity(placed);

        // The filters in the scheduler's order; a node is out at the first that fails, for that filter's reasons.
        var failures = new List<(string[] Reasons, bool Resolvable)>();
        var candidates = new List<JsonObject>();
        foreach (var node in allNodes)
        {
            if (node.At("spec", "unschedulable") is JsonValue u && u.TryGetValue<bool>(out var cordoned) && cordoned
                && !pod.Arr("spec", "tolerations").Objects().Any(t => Tolerations.Tolerates(t, UnschedulableTaint)))
            {
                failures.Add((["node(s) were unschedulable"], false));
            }
            else if (!node.Arr("status", "conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True"))
            {
                failures.Add((["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"], false));
            }
            else if (Tolerations.Untolerated(pod, node, "NoSchedule", "NoExecute").FirstOrDefault() is { } taint)
            {
                failures.Add(([$"node(s) had untolerated taint {Tolerations.Describe(taint)}"], false));
            }
            else if (!NodeAffinity.Matches(pod, node))
            {
                failures.Add((["node(s) didn't match Pod's node affinity/selector"], false));
            }
            else if (!VolumeBinding.Fits(store, claims, node))
            {
                failures.Add((["node(s) had volume node affinity conflict"], false));
            }
            else if (Insufficient(node, pod, wants, pods) is { Length: > 0 } lacking)
            {
                failures.Add((lacking, true));
            }
            else if ((TopologySpread.Filter(pod, node, allNodes, placed) ?? PodAffinity.Filter(pod, node, allNodes, placed, antiAffine, NamespaceOf)) is { } refused)
            {
                failures.Add(([refused.Reason], refused.Resolvable));
            }
            else
            {
                candidates.Add(node);
            }
        }

        if (candidates.Count == 0)
        {
            MarkUnschedulable(pod, allNodes.Count, failures);
            retry = UnschedulableRetry;
            return false;
        }

        var load = pods
            .GroupBy(p => p.Str("spec", "nodeName") ?? "")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var chosen = candidates
            .OrderByDescending(n => NodeAffinity.PreferredWeight(pod, n) + PodAffinity.PreferredScore(pod, n, allNodes, placed, NamespaceOf))
            .ThenBy(n => TopologySpread.Crowding(pod, n, allNodes, placed))
            .ThenBy(n => Tolerations.Untolerated(pod, n, "PreferNoSchedule").Count())
            .ThenBy(n => load.GetValueOrDefault(n.Name()))
            .ThenBy(n => nodes.IndexOf(n.Name()) == 0 ? int.MaxValue : nodes.IndexOf(n.Name()))
            .ThenBy(n => n.Name(), StringComparer.Ordinal)
            .First();

        if (VolumeBinding.AwaitsProvisioning(store, claims, chosen.Name()))
        {
            // A claim of a WaitForFirstConsumer class: its volume is made on the chosen node first, then the pod binds.
            retry = VolumeRetry;
            return false;
        }

        pod.Ensure("spec")["nodeName"] = chosen.Name();
        store.Update(WorkloadResources.Pods, pod.Namespace(), pod);
        events.Normal(pod, "Scheduled", $"Successfully assigned {pod.Namespace()}/{pod.Name()} to {chosen.Name()}", Source);
        return false;
    }

    private JsonObject? NamespaceOf(string name) => store.Get(WorkloadResources.Namespaces, null, name);

    /// <summary>
    /// The scheduler's FitError: how many nodes failed for each reason, sorted, then what preemption found (nothing to
    /// preempt here: resources could be freed but no pod has a lower priority; the other reasons preemption cannot help).
    /// </summary>
    private void MarkUnschedulable(JsonObject pod, int nodeCount, List<(string[] Reasons, bool Resolvable)> failures, string? preFilter = null)
    {
        static string Histogram(IEnumerable<string> reasons) =>
            string.Join(", ", reasons.GroupBy(r => r, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}").Order(StringComparer.Ordinal));

        // A PreFilter failure (a claim missing or unbound) rules out every node at once, with its own words.
        var why = preFilter ?? Histogram(failures.SelectMany(f => f.Reasons));
        var preemption = preFilter is not null
            ? $"{nodeCount} Preemption is not helpful for scheduling"
            : Histogram(failures.Select(f => f.Resolvable ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling"));
        var message = nodeCount == 0 ? "no nodes available to schedule pods"
            : $"0/{nodeCount} nodes are available: {why}. preemption: 0/{nodeCount} nodes are available: {preemption}.";
        var existing = pod.Arr("status", "conditions").Objects().FirstOrDefault(c => c.Str("type") == "PodScheduled");
        if (pod.Str("status", "phase") == "Pending" && existing?.Str("status") == "False" && existing.Str("message") == message)
        {
            return;
        }

        events.Warning(pod, "FailedScheduling", message, Source);
        pod["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = JsonPaths.Timestamp(DateTimeOffset.UtcNow),
                ["reason"] = "Unschedulable",
                ["message"] = message,
            }),
            ["phase"] = "Pending",
            ["qosClass"] = Kubelet.QosClass(pod),
        };
        store.UpdateStatus(WorkloadResources.Pods, pod.Namespace(), pod);
    }

    /// <summary>
    /// What a pod asks for (in milli-units and bytes), as the scheduler sums it: its containers' requests and its
    /// sidecars', or, if more, what the pod holds while an init container runs (that one and the sidecars started before it).
    /// </summary>
    private static (long MilliCpu, long Memory) Requests(JsonObject pod)
    {
        static (long, long) Of(JsonObject c) => (Amount(c.Str("resources", "requests", "cpu"), milli: true), Amount(c.Str("resources", "requests", "memory"), milli: false));
        var (cpu, memory) = pod.Arr("spec", "containers").Objects().Select(Of).Aggregate((0L, 0L), (t, c) => (t.Item1 + c.Item1, t.Item2 + c.Item2));
        long sidecarCpu = 0, sidecarMemory = 0, initCpu = 0, initMemory = 0;
        foreach (var container in pod.Arr("spec", "initContainers").Objects())
        {
            var (c, m) = Of(container);
            if (Attach.ContainerKinds.IsSidecar(container))
            {
                (sidecarCpu, sidecarMemory, c, m) = (sidecarCpu + c, sidecarMemory + m, 0, 0);
            }

            initCpu = Math.Max(initCpu, sidecarCpu + c);
            initMemory = Math.Max(initMemory, sidecarMemory + m);
        }

        return (Math.Max(cpu + sidecarCpu, initCpu), Math.Max(memory + sidecarMemory, initMemory));
    }

    /// <summary>
    /// NodeResourcesFit: the resources the node's allocatable cannot give the pod after the requests of the pods already
    /// there. Only the pods of the pod's own tenant count: one learner's pods must not make another's Pending, so every
    /// tenant sees the nodes as if it had them to itself. A tenant is a namespace (a learner's), or for the platform's
    /// own pods in its system namespace, the learner session they carry in <see cref="SessionLabel"/> (a toolbox).
    /// </summary>
    private static string[] Insufficient(JsonObject node, JsonObject pod, (long MilliCpu, long Memory) wants, IReadOnlyList<JsonObject> pods)
    {
        var tenant = Tenant(pod);
        var placed = pods.Where(p => p.Str("spec", "nodeName") == node.Name() && Tenant(p) == tenant &&
            p.Str("status", "phase") is not ("Succeeded" or "Failed")).ToList();
        var usedCpu = placed.Sum(p => Requests(p).MilliCpu);
        var usedMemory = placed.Sum(p => Requests(p).Memory);
        var reasons = new List<string>();
        if (wants.MilliCpu > 0 && usedCpu + wants.MilliCpu > Amount(node.Str("status", "allocatable", "cpu"), milli: true))
        {
            reasons.Add("Insufficient cpu");
        }

        if (wants.Memory > 0 && usedMemory + wants.Memory > Amount(node.Str("status", "allocatable", "memory"), milli: false))
        {
            reasons.Add("Insufficient memory");
        }

        if (placed.Count + 1 > Amount(node.Str("status", "allocatable", "pods"), milli: false))
        {
            reasons.Add("Too many pods");
        }

        return [.. reasons];
    }

    /// <summary>The label the platform puts on the pods it runs for a learner session (Labs.Sessions' LearnerManifests).</summary>
    internal const string SessionLabel = "labs.dev/session";

    private static string Tenant(JsonObject pod) =>
        pod.Str("metadata", "labels", SessionLabel) is { Length: > 0 } session ? "session/" + session : "namespace/" + pod.Namespace();

    private static long Amount(string? quantity, bool milli) =>
        quantity is not null && Admission.Quantity.TryParse(quantity, out var q, out _)
            ? (long)(milli ? q.MilliValue : q.Value)
            : 0;
}
