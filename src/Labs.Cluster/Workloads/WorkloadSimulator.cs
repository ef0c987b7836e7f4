using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Isolation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Simulates what a real cluster's nodes, controllers and kubelets do, so the embedded cluster behaves like one:
/// registers nodes, runs the Deployment and ReplicaSet controllers, the scheduler and a kubelet that brings pods to
/// Running, and runs <c>exec</c> sessions in a bubblewrap sandbox. All object access goes through the store.
/// </summary>
public sealed partial class WorkloadSimulator : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly WorkloadOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<WorkItem, byte> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly NodeRegistrar _nodes;
    private readonly DeploymentController _deployments;
    private readonly ReplicaSetController _replicaSets;
    private readonly Scheduler _scheduler;
    private readonly Kubelet _kubelet;
    private readonly ExecHandler _exec;
    private readonly PodSandboxes _sandboxes;
    private readonly ContainerRuntime _runtime;
    private readonly AttachHandler _attach;
    private readonly Proxy.PodProxy _proxy;
    private IDisposable? _subscription;
    private Task? _loop;
    private int _disposed;

    /// <summary>Creates the simulator; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="store">The cluster's object store.</param>
    /// <param name="options">Node count, data directory and sandbox tools.</param>
    /// <param name="loggerFactory">Logger factory.</param>
    /// <exception cref="ArgumentException">The options are invalid (no data directory, no nodes).</exception>
    /// <exception cref="ClusterSetupException">The machine cannot host pod sandboxes as configured.</exception>
    public WorkloadSimulator(IObjectStore store, WorkloadOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException("WorkloadOptions.DataDirectory is required: set it to a directory where pod files can be written.", nameof(options));
        }

        if (options.NodeCount < 1)
        {
            throw new ArgumentException($"WorkloadOptions.NodeCount must be at least 1 (got {options.NodeCount}).", nameof(options));
        }

        _store = store;
        _options = options;
        _logger = loggerFactory.CreateLogger<WorkloadSimulator>();
        _nodes = new NodeRegistrar(store, options.NodeCount);
        _deployments = new DeploymentController(store, TimeProvider.System);
        var events = new EventRecorder(store, TimeProvider.System);
        _replicaSets = new ReplicaSetController(store, events, TimeProvider.System);
        _scheduler = new Scheduler(store, _nodes);
        _sandboxes = new PodSandboxes(options);
        _exec = new ExecHandler(options, _sandboxes, loggerFactory.CreateLogger<ExecHandler>());
        _runtime = new ContainerRuntime(options, _sandboxes, _exec.Sessions, _exec, TimeProvider.System);
        _attach = new AttachHandler(_runtime);
        _proxy = new Proxy.PodProxy(_runtime);
        _kubelet = new Kubelet(store, options, _nodes, _exec.Sessions, _sandboxes, events, _runtime, TimeProvider.System);
    }

    /// <summary>Registers the nodes and starts the controllers in the background. Call once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("The workload simulator is already started.");
        }

        foreach (var warning in _sandboxes.Warnings())
        {
            LogSandboxWarning(_logger, warning);
        }

        _nodes.Register();

        // Subscribe before listing so that nothing written in between is missed; duplicates are harmless. The loop
        // catches up first, so that the API serves at once however many objects the store kept.
        _subscription = _store.Subscribe(0, OnStoreEvent);
        _loop = Task.Run(() =>
        {
            CatchUp();
            return RunAsync(_stopping.Token);
        });
    }

    /// <summary>
    /// Answers a pod <c>exec</c> request (a WebSocket upgrade speaking <c>v5.channel.k8s.io</c> or
    /// <c>v4.channel.k8s.io</c>) by running the command in the pod's sandbox. Call after authorization; the
    /// pipeline must have <c>UseWebSockets()</c>. A request that cannot be served (no such container, pod not running,
    /// not an upgrade) throws an <see cref="Api.ApiException"/> (400 BadRequest, the kubelet's message) for the pipeline to answer.
    /// </summary>
    /// <param name="context">The HTTP request, with <c>command</c>, <c>container</c>, <c>stdin</c>, <c>stdout</c>, <c>stderr</c>, <c>tty</c> query parameters.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public Task HandleExecAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken) =>
        _exec.HandleExecAsync(context, pod, cancellationToken);

    /// <summary>
    /// Answers a pod <c>attach</c> request (a WebSocket upgrade speaking <c>v5.channel.k8s.io</c> or
    /// <c>v4.channel.k8s.io</c>) by joining the container's main process; the same errors as exec.
    /// </summary>
    /// <param name="context">The HTTP request, with <c>container</c>, <c>stdin</c>, <c>stdout</c>, <c>stderr</c>, <c>tty</c> query parameters.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public Task HandleAttachAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken) =>
        _attach.HandleAttachAsync(context, pod, cancellationToken);

    /// <summary>
    /// Carries a proxied HTTP request to <paramref name="port"/> of a pod, in the network of its containers that run for
    /// real; where nothing listens it throws the API server's 503 (connection refused) as an <see cref="Api.ApiException"/>.
    /// </summary>
    /// <param name="context">The HTTP request to pass on (method, headers, body) and answer.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="port">The pod's port.</param>
    /// <param name="path">The path to ask for there, starting with <c>/</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task HandleProxyAsync(HttpContext context, JsonObject pod, int port, string path, CancellationToken cancellationToken) =>
        _proxy.HandleAsync(context, pod, port, path, cancellationToken);

    /// <summary>Stops the controllers and kills every process the simulator started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _subscription?.Dispose();
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Expected on shutdown.
            }
        }

        _exec.Sessions.KillAll();
        _sandboxes.Shutdown();
        _stopping.Dispose();
    }

    /// <summary>
    /// Takes up what the store kept from the last run (it is durable: pods are still there, Running, with their files
    /// under pods/ and their IPs) before any reconcile: the kept pods hold their IPs and directories, what is left of
    /// deleted pods goes, and every object is queued for a reconcile.
    /// </summary>
    private void CatchUp()
    {
        var pods = _store.List(WorkloadResources.Pods, null).Items;
        _kubelet.Resume(pods);
        ReleaseOrphans(pods);
        foreach (var resource in new[] { WorkloadResources.Deployments, WorkloadResources.ReplicaSets })
        {
            foreach (var item in _store.List(resource, null).Items)
            {
                Enqueue(new WorkItem(resource, item.Namespace(), item.Name()));
            }
        }

        foreach (var pod in pods)
        {
            Enqueue(new WorkItem(WorkloadResources.Pods, pod.Namespace(), pod.Name()));
        }
    }

    /// <summary>
    /// Removes what pods that no longer exist left on the node, as the kubelet cleans up orphaned pod directories: those
    /// of pods deleted while the platform was down, or of a store that was moved aside. The directories of the pods the
    /// store kept (a learner's home among them) stay, with their owners.
    /// </summary>
    private void ReleaseOrphans(IReadOnlyList<JsonObject> pods)
    {
        var live = pods.Select(p => p.Uid()).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(_sandboxes.PodsDirectory))
        {
            if (!live.Contains(Path.GetFileName(dir)))
            {
                try
                {
                    _kubelet.Release(Path.GetFileName(dir));
                }
                catch (IOException e)
                {
                    LogSandboxWarning(_logger, e.Message);
                }
            }
        }
    }

    private void OnStoreEvent(StoreEvent e)
    {
        var obj = e.Object;
        var ns = obj.Namespace();
        if (e.Resource == WorkloadResources.Namespaces && e.Type == "DELETED")
        {
            // A namespace's hostPath files on the simulated nodes go with it (its pods went first).
            _sandboxes.ReleaseNamespace(obj.Name());
        }
        else if (e.Resource == WorkloadResources.Deployments)
        {
            Enqueue(new WorkItem(e.Resource, ns, obj.Name()));
        }
        else if (e.Resource == WorkloadResources.ReplicaSets)
        {
            Enqueue(new WorkItem(e.Resource, ns, obj.Name()));
            EnqueueOwner(obj, "Deployment", WorkloadResources.Deployments);
        }
        else if (e.Resource == WorkloadResources.Pods)
        {
            var deleted = e.Type == "DELETED" ? obj.Uid() : null;
            Enqueue(new WorkItem(e.Resource, ns, obj.Name(), deleted));
            EnqueueOwner(obj, "ReplicaSet", WorkloadResources.ReplicaSets);
        }
    }

    private void EnqueueOwner(JsonObject obj, string kind, GroupResource ownerResource)
    {
        if (obj.ControllerRef() is { } owner && owner.Str("kind") == kind && owner.Str("name") is { } name)
        {
            Enqueue(new WorkItem(ownerResource, obj.Namespace(), name));
        }
    }

    private void Enqueue(WorkItem item)
    {
        if (_pending.TryAdd(item, 0) && !_queue.Writer.TryWrite(item))
        {
            _pending.TryRemove(item, out _);
        }
    }

    private void EnqueueAfter(WorkItem item, TimeSpan delay)
    {
        var token = _stopping.Token;
        _ = Task.Delay(delay, token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    Enqueue(item);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            _pending.TryRemove(item, out _);
            try
            {
                var retryAfter = Reconcile(item);
                if (retryAfter is { } delay)
                {
                    EnqueueAfter(item with { DeletedUid = null }, delay);
                }
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                // Someone wrote in between: re-read and try again shortly (level-triggered).
                EnqueueAfter(item with { DeletedUid = null }, TimeSpan.FromMilliseconds(50));
            }
#pragma warning disable CA1031 // A controller loop must survive any single failure; it logs and retries later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogReconcileFailed(_logger, ex, item.Resource.ToString(), item.Namespace ?? "", item.Name);
                EnqueueAfter(item with { DeletedUid = null }, TimeSpan.FromSeconds(5));
            }
        }
    }

    private TimeSpan? Reconcile(WorkItem item)
    {
        if (item.Resource == WorkloadResources.Deployments)
        {
            return _deployments.Reconcile(item.Namespace!, item.Name);
        }

        if (item.Resource == WorkloadResources.ReplicaSets)
        {
            return _replicaSets.Reconcile(item.Namespace!, item.Name);
        }

        if (item.Resource == WorkloadResources.Pods)
        {
            if (item.DeletedUid is { } uid)
            {
                _kubelet.Release(uid);
            }

            var pod = _store.Get(WorkloadResources.Pods, item.Namespace, item.Name);
            if (pod is null)
            {
                return null;
            }

            var again = item with { DeletedUid = null };
            if (pod.At("metadata", "deletionTimestamp") is not null)
            {
                return _kubelet.Terminate(pod, () => Enqueue(again));
            }

            return _scheduler.EnsureScheduled(pod, out var retry) ? _kubelet.Reconcile(pod, () => Enqueue(again)) : retry;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox limits: {Warning}")]
    private static partial void LogSandboxWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Resource} {Namespace}/{Name} failed; retrying later")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string resource, string @namespace, string name);
}
