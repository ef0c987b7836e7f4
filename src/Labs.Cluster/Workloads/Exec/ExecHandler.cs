using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Isolation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Serves <c>pods/exec</c> the way a kubelet does behind the API server: a WebSocket speaking
/// <c>v5.channel.k8s.io</c> (or v4), the command run in the pod's bubblewrap sandbox, and a <c>v1.Status</c> on
/// channel 3 with the exit code.
/// </summary>
internal sealed partial class ExecHandler(WorkloadOptions options, PodSandboxes sandboxes, IObjectStore store, Network.ClusterNetwork? network, ILogger<ExecHandler> logger)
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>Largest WebSocket message accepted from the client; a bigger one closes the session.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly SandboxTools _tools = new(options);

    public ExecSessions Sessions { get; } = new();

    public async Task HandleExecAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var podName = pod.Name();
        var container = PodContainers.Resolve(pod, query["container"], includeInitContainers: true);
        var protocol = StreamUpgrade.Protocol(context, pod, container.Str("name"));
        var request = new ExecRequest(
            Command: [.. query["command"].Where(c => c is not null).Select(c => c!)],
            Stdin: StreamUpgrade.Flag(query["stdin"]),
            Stdout: StreamUpgrade.Flag(query["stdout"]),
            Stderr: StreamUpgrade.Flag(query["stderr"]),
            Tty: StreamUpgrade.Flag(query["tty"]));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        await RunSessionAsync(socket, protocol == V5, pod, container, request, cancellationToken);
    }

    /// <summary>
    /// The sandbox of one exec: the pod's prepared sandbox, its container's mounts (held open; the caller disposes
    /// them once the process has started), the container's environment and the command.
    /// </summary>
    /// <exception cref="SubPathException">A subPath cannot be used (the message says which mount, as the kubelet does).</exception>
    internal SandboxSpec BuildSpec(JsonObject pod, JsonObject container, ExecRequest request)
    {
        var sandbox = sandboxes.Prepare(pod);
        var mounts = ContainerMounts.Open(PodVolumes.WithClaims(store, pod), container, sandbox.Directory, options.DataDirectory, sandbox.HostUid);
        foreach (var skipped in mounts.Where(m => !Sandbox.CanMount(m.Target)).ToList())
        {
            skipped.Source.Dispose();
            mounts.Remove(skipped);
        }

        // The kubelet names the pod's host spec.hostname when set (an Indexed Job's pods, StatefulSet-like pods), else the pod.
        var hostname = pod.Str("spec", "hostname") is { Length: > 0 } named ? named : pod.Name();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Sandbox.SearchPath,
            ["HOME"] = Sandbox.Home,
            ["HOSTNAME"] = hostname,
        };
        if (request.Tty)
        {
            environment["TERM"] = "xterm-256color";
        }

        // The container's environment as the kubelet made it; a source gone since the container started (the kubelet
        // resolved it then) leaves the literal values.
        var (variables, error) = ContainerEnvironment.Resolve(store, pod, container);
        if (error is not null)
        {
            variables = [.. container.Arr("env").Objects()
                .Where(v => v.Str("name") is { Length: > 0 } && v.Str("value") is not null)
                .Select(v => new KeyValuePair<string, string>(v.Str("name")!, v.Str("value")!))];
        }

        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        var command = request.Command.Count > 0 ? request.Command : [_tools.Shell ?? options.ShellPath];
        var workingDirectory = container.Str("workingDir") is { Length: > 0 } wd && wd.StartsWith('/') ? wd : Sandbox.Home;
        // In the cluster network the pod's namespace carries the API server; otherwise each sandbox forwards it itself.
        var podNetwork = network?.PodNamespace(pod);
        var api = podNetwork is null && options.ApiServerSocket is { } socket ? new ApiForward(socket, options.ApiServerPort) : null;
        var networkFiles = podNetwork is not null && network!.IpOf(pod.Uid()) is { } ip ? Network.PodNetworkFiles.Write(sandbox.Identity, pod, ip) : null;
        return new SandboxSpec(hostname, sandbox, mounts, workingDirectory, environment, command, request.Tty, api, _tools.Extra, podNetwork?.Path, networkFiles);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "exec in pod {Pod} failed")]
    private static partial void LogExecFailed(ILogger logger, Exception exception, string pod);
}
