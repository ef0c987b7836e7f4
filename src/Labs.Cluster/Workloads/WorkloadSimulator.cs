using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Controllers;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Images;
using Labs.Cluster.Workloads.Isolation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Simulates what a real cluster's nodes, controllers and kubelets do, so the embedded cluster behaves like one:
/// registers nodes, runs the Deployment, ReplicaSet, DaemonSet, StatefulSet, Endpoints, Job, TTL-after-finished, CronJob,
/// taint-eviction and persistentvolume controllers, the scheduler and a kubelet that brings pods to Running, and runs <c>exec</c> sessions in a bubblewrap sandbox. All
/// object access goes through the store.
/// </summary>
public sealed partial class WorkloadSimulator : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly WorkloadOptions _options;
    private readonly ILogger _logger;
    private readonly NodeRegistrar _nodes;
    private readonly ControllerManager _controllers;
    private readonly ExecHandler _exec;
    private readonly PodSandboxes _sandboxes;
    private readonly ContainerRuntime _runtime;
    private readonly AttachHandler _attach;
    private readonly Network.PodProxy _proxy;
    private readonly PortForward.PortForwardHandler _portForward;
    private readonly Network.ClusterNetwork? _network;
    private readonly string? _noNetwork;
    private bool _started;
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
        var events = new EventRecorder(store, TimeProvider.System);
        _sandboxes = new PodSandboxes(options);
        _network = Network.ClusterNetwork.TryCreate(options, _logger, out _noNetwork);
        _exec = new ExecHandler(options, _sandboxes, store, _network, loggerFactory.CreateLogger<ExecHandler>());
        _runtime = new ContainerRuntime(options, _sandboxes, _exec.Sessions, _exec, ImageCatalog.Shipped, TimeProvider.System);
        _attach = new AttachHandler(_runtime);
        var network = new Network.PodNetwork(_runtime, ImageCatalog.Shipped, _network, TimeProvider.System);
        _proxy = new Network.PodProxy(network);
        _portForward = new PortForward.PortForwardHandler(network, loggerFactory.CreateLogger<PortForward.PortForwardHandler>());
        var images = new ImagePuller(ImageCatalog.Shipped, events, TimeProvider.System);
        var probes = new Probes.ProbeManager(new Probes.Prober(network, _runtime), events, TimeProvider.System);
        var kubelet = new Kubelet(store, options, _nodes, _exec.Sessions, _sandboxes, events, _runtime, images, probes, _network, TimeProvider.System);

        // Every controller of the cluster, in one place.
        IController[] controllers =
        [
            new DeploymentController(store, events, TimeProvider.System),
            new ReplicaSetController(store, events, TimeProvider.System),
            new SchedulerController(store, new Scheduling.Scheduler(store, _nodes, events)),
            new Scheduling.TaintEvictionController(store, events, TimeProvider.System),
            new KubeletController(store, kubelet, _sandboxes, _logger),
            new EndpointsController(store),
            new JobController(store, events, TimeProvider.System),
            new TtlAfterFinishedController(store, TimeProvider.System),
            new CronJobController(store, events, TimeProvider.System),
            new DaemonSetController(store, events, TimeProvider.System),
            new StatefulSetController(store, events, TimeProvider.System),
            new Volumes.PersistentVolumeController(store, events),
        ];
        if (_network is not null)
        {
            var router = new Network.ConnectionRouter(store, network, new Network.NetworkPolicies(store), options);
            _network.Route = router.RouteAsync;
            _network.Dns = (query, source) => router.AnswerDns(query, source);
            _network.SimulatedPorts = pod => pod.Arr("spec", "containers").Objects().Concat(pod.Arr("spec", "initContainers").Objects())
                .Where(c => !_runtime.RunsForReal(c))
                .SelectMany(c => ImageName.Parse(c.Str("image") ?? "", out _) is { } image ? ImageCatalog.Shipped.PortsServed(image) : []);
        }

        _controllers = new ControllerManager(store, controllers, TimeProvider.System, _logger);
    }

    /// <summary>Registers the nodes and starts the controllers in the background. Call once.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_started)
        {
            throw new InvalidOperationException("The workload simulator is already started.");
        }

        foreach (var warning in _sandboxes.Warnings())
        {
            LogSandboxWarning(_logger, warning);
        }

        if (_noNetwork is not null)
        {
            LogSandboxWarning(_logger, $"no cluster network (pods reach only the API server, each process in a network of its own): {_noNetwork}");
        }

        _nodes.Register();
        _started = true;
        _controllers.Start();
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

    /// <summary>
    /// Answers a pod <c>portforward</c> request (SPDY/3.1, in a WebSocket or by a plain upgrade) by joining each forwarded
    /// connection to the port in the network of the pod's containers that run for real.
    /// </summary>
    /// <param name="context">The HTTP request to upgrade.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public Task HandlePortForwardAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken) =>
        _portForward.HandleAsync(context, pod, cancellationToken);

    /// <summary>Stops the controllers and kills every process the simulator started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _controllers.DisposeAsync();
        _exec.Sessions.KillAll();
        _sandboxes.Shutdown();
        _network?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox limits: {Warning}")]
    private static partial void LogSandboxWarning(ILogger logger, string warning);
}
