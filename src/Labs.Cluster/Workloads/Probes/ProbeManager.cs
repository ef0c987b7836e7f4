using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Probes;

/// <summary>What a container's probes say of its current run.</summary>
/// <param name="Started">Its startup probe has succeeded (or it has none).</param>
/// <param name="Ready">It is started and its readiness probe succeeds (or it has none).</param>
/// <param name="FailedProbe">"liveness" or "startup" when that probe failed and the run must be stopped; else null.</param>
internal sealed record ContainerHealth(bool Started, bool Ready, string? FailedProbe);

/// <summary>
/// The kubelet's probe manager: a <see cref="ProbeWorker"/> per probe of each running container, started for each new
/// run and stopped when the run ends or the pod goes; the kubelet reads what they say when it syncs the pod, and a
/// worker whose result changes asks for that sync.
/// </summary>
internal sealed class ProbeManager(Prober prober, EventRecorder events, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Uid, string Container, ProbeKind Kind), ProbeWorker> _workers = new();

    /// <summary>
    /// Keeps the probes of a container going for the run <paramref name="status"/> describes (its container status),
    /// and answers what they say; <paramref name="changed"/> runs when a result changes.
    /// </summary>
    public ContainerHealth Sync(JsonObject pod, JsonObject container, JsonObject status, string podIp, Action changed)
    {
        var uid = pod.Uid();
        var name = container.Str("name") ?? "";
        var startedAt = status.Str("state", "running", "startedAt");
        if (startedAt is null || !DateTimeOffset.TryParse(startedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            Stop(k => k.Uid == uid && k.Container == name);
            return new ContainerHealth(false, false, null);
        }

        var run = $"{status.Long("restartCount") ?? 0}/{startedAt}";
        ProbeWorker? Worker(ProbeKind kind, string field, bool active)
        {
            var key = (uid, name, kind);
            if (container.Obj(field) is not { } spec)
            {
                Stop(k => k == key);
                return null;
            }

            if (_workers.TryGetValue(key, out var worker) && worker.Run == run && JsonNode.DeepEquals(worker.Spec, spec))
            {
                return worker;
            }

            worker?.Dispose();
            worker = new ProbeWorker(kind, pod.DeepClone().AsObject(), container.DeepClone().AsObject(), spec.DeepClone().AsObject(), podIp, run, since,
                active, prober, events, time, changed);
            _workers[key] = worker;
            worker.Start();
            return worker;
        }

        var startup = Worker(ProbeKind.Startup, "startupProbe", active: true);
        var started = startup is null || startup.Result == ProbeResult.Success;
        var readiness = Worker(ProbeKind.Readiness, "readinessProbe", started);
        var liveness = Worker(ProbeKind.Liveness, "livenessProbe", started);
        foreach (var worker in (ProbeWorker?[])[readiness, liveness])
        {
            if (worker is not null)
            {
                worker.Active = started;
            }
        }

        var failed = startup?.Result == ProbeResult.Failure ? "startup" : liveness?.Result == ProbeResult.Failure ? "liveness" : null;
        return new ContainerHealth(started, started && (readiness is null || readiness.Result == ProbeResult.Success), failed);
    }

    /// <summary>Stops the probes of a pod that is gone.</summary>
    public void Forget(string uid) => Stop(k => k.Uid == uid);

    private void Stop(Func<(string Uid, string Container, ProbeKind Kind), bool> which)
    {
        foreach (var key in _workers.Keys.Where(which))
        {
            if (_workers.TryRemove(key, out var worker))
            {
                worker.Dispose();
            }
        }
    }
}
