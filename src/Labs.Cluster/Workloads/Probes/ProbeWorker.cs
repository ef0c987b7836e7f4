using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Probes;

/// <summary>Which of a container's probes a worker runs.</summary>
internal enum ProbeKind
{
    Startup,
    Readiness,
    Liveness,
}

/// <summary>
/// One probe of one run of a container, as the kubelet's probe worker: after <c>initialDelaySeconds</c> it probes every
/// <c>periodSeconds</c>, records an <c>Unhealthy</c> event for each failure, and changes its result once
/// <c>successThreshold</c> or <c>failureThreshold</c> runs in a row agree, then tells the kubelet. A readiness result
/// starts as failure, a liveness one as success; a startup probe stops once it succeeds, and a liveness or startup probe
/// stops once it fails (the container is stopped; its next run gets a new worker).
/// </summary>
internal sealed class ProbeWorker : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Prober _prober;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly Action _changed;
    private readonly JsonObject _pod;
    private readonly JsonObject _container;
    private readonly string _podIp;
    private readonly DateTimeOffset _since;
    private volatile int _result;
    private volatile bool _active;

    public ProbeWorker(ProbeKind kind, JsonObject pod, JsonObject container, JsonObject spec, string podIp, string run, DateTimeOffset since, bool active,
        Prober prober, EventRecorder events, TimeProvider time, Action changed)
    {
        Kind = kind;
        Spec = spec;
        Run = run;
        _pod = pod;
        _container = container;
        _podIp = podIp;
        _since = since;
        _prober = prober;
        _events = events;
        _time = time;
        _changed = changed;
        _result = (int)(kind switch { ProbeKind.Readiness => ProbeResult.Failure, ProbeKind.Liveness => ProbeResult.Success, _ => ProbeResult.Unknown });
        _active = active;
    }

    public ProbeKind Kind { get; }

    /// <summary>The probe as the container's spec states it.</summary>
    public JsonObject Spec { get; }

    /// <summary>The container run this worker probes (its restart count and start time).</summary>
    public string Run { get; }

    /// <summary>What the probe says now (after the thresholds).</summary>
    public ProbeResult Result => (ProbeResult)_result;

    /// <summary>Whether the worker probes: readiness and liveness wait until the startup probe (if any) has succeeded.</summary>
    public bool Active
    {
        get => _active;
        set => _active = value;
    }

    /// <summary>Starts probing in the background.</summary>
    public void Start() => _ = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, Spec.Long("periodSeconds") ?? 10));
        var successes = (int)Math.Max(1, Spec.Long("successThreshold") ?? 1);
        var failures = (int)Math.Max(1, Spec.Long("failureThreshold") ?? 3);
        var name = _container.Str("name") ?? "";
        var source = new EventRecorder.Source("kubelet", _pod.Str("spec", "nodeName"));
        var label = Kind.ToString();
        var last = ProbeResult.Unknown;
        var inARow = 0;
        try
        {
            var first = _since + TimeSpan.FromSeconds(Math.Max(0, Spec.Long("initialDelaySeconds") ?? 0)) - _time.GetUtcNow();
            if (first > TimeSpan.Zero)
            {
                await Task.Delay(first, _time, stop);
            }

            while (!stop.IsCancellationRequested)
            {
                if (_active)
                {
                    var (result, output) = await _prober.RunAsync(_pod, _container, Spec, _podIp, stop);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if (result != ProbeResult.Success)
                    {
                        _events.Warning(_pod, "Unhealthy", $"{label} probe {(result == ProbeResult.Failure ? "failed" : "errored")}: {output}", source,
                            Kubelet.FieldPath(_pod, name));
                    }

                    if (result != ProbeResult.Unknown)
                    {
                        inARow = result == last ? inARow + 1 : 1;
                        last = result;
                        if (inARow >= (result == ProbeResult.Success ? successes : failures) && Result != result)
                        {
                            _result = (int)result;
                            _changed();
                        }

                        if ((Kind == ProbeKind.Startup && Result == ProbeResult.Success) || (Kind != ProbeKind.Readiness && Result == ProbeResult.Failure))
                        {
                            return;
                        }
                    }
                }

                await Task.Delay(period, _time, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended, or the pod went.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while it waited.
        }
    }
}
