using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Images;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The simulated kubelet of every node: takes a scheduled pod through Pending (ContainerCreating, then the pull of its
/// images) to Running with the status and events a real kubelet reports, materialises its secret, configMap and emptyDir volumes under the data
/// directory, and releases the pod's files, IP and processes when it is deleted.
/// </summary>
internal sealed partial class Kubelet(IObjectStore store, WorkloadOptions options, NodeRegistrar nodes, ExecSessions sessions, PodSandboxes sandboxes, EventRecorder events,
    Attach.ContainerRuntime runtime, ImagePuller images, Probes.ProbeManager probes, Network.ClusterNetwork? network, TimeProvider time)
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];
    private static readonly TimeSpan VolumeRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConfigRetry = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, DateTimeOffset> _pendingSince = new(StringComparer.Ordinal);
    private readonly PodIpAllocator _ips = new();

    /// <summary>Takes a pod one step on; returns when to look again. <paramref name="lookAgain"/> runs when a real container exits.</summary>
    public TimeSpan? Reconcile(JsonObject pod, Action lookAgain)
    {
        var nodeIndex = nodes.IndexOf(pod.Str("spec", "nodeName"));
        if (nodeIndex == 0 || pod.Str("status", "phase") is "Succeeded" or "Failed")
        {
            return null; // Bound to a node nobody simulates: it stays Pending, as on a real cluster. Or it is over.
        }

        var uid = pod.Uid();
        if (pod.Str("status", "phase") == "Running" && pod.Str("status", "podIP") is { } ip)
        {
            KeepIp(uid, ip);
            if (!Directory.Exists(sandboxes.PodDirectory(uid)))
            {
                var sandbox = sandboxes.Prepare(pod);
                PodVolumes.Materialize(store, PodVolumes.WithClaims(store, pod), sandbox.Directory, options.DataDirectory, sandbox.HostUid);
            }

            var current = pod.Obj("status")!.DeepClone().AsObject();
            var again = SyncContainers(pod, current, lookAgain);
            WriteIfChanged(pod, current);
            return again;
        }

        var now = time.GetUtcNow();
        if (!_pendingSince.TryGetValue(uid, out var since))
        {
            // A pod whose sandbox was up before a restart of the platform (it has its IP) goes on from where it was.
            since = pod.Str("status", "podIP") is not null && JsonPaths.ParseTimestamp(pod.Str("status", "startTime")) is { } startTime ? startTime : now;
            _pendingSince[uid] = since;
        }

        var remaining = since + options.PodStartDelay - now;
        if (remaining > TimeSpan.Zero)
        {
            WriteIfChanged(pod, KeepTimes(pod, StartingStatus(pod, nodeIndex, since, podIp: null)));
            return remaining;
        }

        var prepared = sandboxes.Prepare(pod);
        var node = new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName"));
        if (PodVolumes.Materialize(store, PodVolumes.WithClaims(store, pod), prepared.Directory, options.DataDirectory, prepared.HostUid) is { } mountError)
        {
            WriteIfChanged(pod, KeepTimes(pod, StartingStatus(pod, nodeIndex, since, podIp: null, mountError)));
            events.Warning(pod, "FailedMount", mountError, node);
            return VolumeRetry;
        }

        // The sandbox is up (the pod has its IP); its init containers run one after the other, then its containers.
        var started = StartingStatus(pod, nodeIndex, since, AllocateIp(uid, nodeIndex));
        TimeSpan? wake = null;
        void Later(TimeSpan? next) => wake = Sooner(wake, next);
        if (!SyncInitContainers(pod, started, prepared, podFinished: false, lookAgain, Later, out var initFailed))
        {
            if (initFailed)
            {
                // restartPolicy Never: the pod has failed; its sidecars are stopped, and it ends once nothing runs.
                SyncInitContainers(pod, started, prepared, podFinished: true, lookAgain, Later);
                started["phase"] = SidecarsRunning(started) ? "Pending" : "Failed";
                _pendingSince.Remove(uid);
            }

            SetConditions(pod, started);
            WriteIfChanged(pod, KeepTimes(pod, started));
            return wake;
        }

        if (!PullImages(pod, started, since, out var pullAgain))
        {
            // The containers whose image is there run; the pod stays Pending until every one has its image.
            WriteIfChanged(pod, KeepTimes(pod, started));
            return pullAgain;
        }

        if (ContainerConfigError(pod, prepared) is { } configError)
        {
            // As a kubelet: the container cannot be created until its mounts and environment can; the pod waits and is retried.
            var statuses = started.Arr("containerStatuses")!;
            var index = pod.Arr("spec", "containers").Objects().ToList().FindIndex(c => c.Str("name") == configError.Container);
            statuses[index] = WaitingStatus(pod.Arr("spec", "containers")![index]!.AsObject(), "CreateContainerConfigError", configError.Message);
            SetConditions(pod, started);
            events.Warning(pod, "Failed", "Error: " + configError.Message, node, FieldPath(pod, configError.Container));
            WriteIfChanged(pod, KeepTimes(pod, started));
            return ConfigRetry;
        }

        var next = SyncContainers(pod, started, lookAgain);
        WriteIfChanged(pod, KeepTimes(pod, started));
        _pendingSince.Remove(uid);
        return Sooner(wake, next);
    }

    /// <summary>
    /// At start-up, before any pod is reconciled: the pods the store kept from the last run on these nodes hold on to
    /// their IPs, so that a pod started now is never given the address of one still running.
    /// </summary>
    public void Resume(IEnumerable<JsonObject> pods)
    {
        foreach (var pod in pods)
        {
            if (nodes.IndexOf(pod.Str("spec", "nodeName")) != 0 && pod.Str("status", "podIP") is { } ip)
            {
                KeepIp(pod.Uid(), ip);
            }
        }
    }

    /// <summary>Forgets a deleted pod: kills its processes, frees its IP, its cgroup, storage and uid, and removes its files.</summary>
    public void Release(string uid)
    {
        _pendingSince.Remove(uid);
        _stopping.Remove(uid);
        images.Forget(uid);
        probes.Forget(uid);
        runtime.Forget(uid);
        _ips.Release(uid);
        sessions.KillPod(uid);
        network?.Release(uid);
        events.Forget(uid);
        sandboxes.Release(uid);
    }

    // A pod's IP, given to it in the cluster network too.
    private string AllocateIp(string uid, int nodeIndex)
    {
        var ip = _ips.Allocate(uid, nodeIndex);
        network?.Attach(uid, ip);
        return ip;
    }

    private void KeepIp(string uid, string ip)
    {
        _ips.Reserve(uid, ip);
        network?.Attach(uid, ip);
    }

    /// <summary>
    /// The first regular container that cannot be created, as the kubelet reports it (see <see cref="ConfigError"/>);
    /// else null.
    /// </summary>
    private (string Container, string Message)? ContainerConfigError(JsonObject pod, PodSandbox sandbox)
    {
        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            if (ConfigError(pod, container, sandbox) is { } error)
            {
                return (container.Str("name") ?? "", error);
            }
        }

        return null;
    }

    /// <summary>
    /// Why a container cannot be created, as the kubelet words it: its mounts cannot be made (a refused subPath) or its
    /// environment names a ConfigMap, Secret or key that is not there; else null.
    /// </summary>
    private string? ConfigError(JsonObject pod, JsonObject container, PodSandbox sandbox)
    {
        try
        {
            foreach (var mount in ContainerMounts.Open(PodVolumes.WithClaims(store, pod), container, sandbox.Directory, options.DataDirectory, sandbox.HostUid))
            {
                mount.Source.Dispose();
            }
        }
        catch (SubPathException e)
        {
            return e.Message;
        }

        return ContainerEnvironment.Resolve(store, pod, container).Error;
    }

    public static string QosClass(JsonObject pod)
    {
        var containers = pod.Arr("spec", "containers").Objects().ToList();
        var anyResources = containers.Any(c => c.Obj("resources", "requests") is { Count: > 0 } || c.Obj("resources", "limits") is { Count: > 0 });
        if (!anyResources)
        {
            return "BestEffort";
        }

        var guaranteed = containers.All(c =>
            ComputeResources.All(r =>
                c.Str("resources", "limits", r) is { } limit && (c.Str("resources", "requests", r) ?? limit) == limit));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private void WriteIfChanged(JsonObject pod, JsonObject status)
    {
        if (JsonNode.DeepEquals(pod["status"], status))
        {
            return;
        }

        pod["status"] = status;
        store.UpdateStatus(WorkloadResources.Pods, pod.Namespace(), pod);
    }

    /// <summary>The sooner of two times to look again; null when neither is set.</summary>
    private static TimeSpan? Sooner(TimeSpan? a, TimeSpan? b) => a is { } x && (b is not { } y || x <= y) ? a : b;

    internal static string Hex(string seed, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..length];

    /// <summary>The reference a container runtime shows for an image: <c>nginx</c> → <c>docker.io/library/nginx:latest</c>.</summary>
    public static (string Image, string ImageId) ImageReference(string? image)
    {
        if (ImageName.Parse(image ?? "", out _) is not { } name)
        {
            return (image ?? "", "");
        }

        return (name.Full, name.Qualified + "@" + (name.Digest ?? "sha256:" + Hex(name.Full, 64)));
    }
}
