using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Serves <c>pods/exec</c> the way a kubelet does behind the API server: a WebSocket speaking
/// <c>v5.channel.k8s.io</c> (or v4), the command run in the pod's bubblewrap sandbox, and a <c>v1.Status</c> on
/// channel 3 with the exit code.
/// </summary>
internal sealed partial class ExecHandler(WorkloadOptions options, ILogger<ExecHandler> logger)
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>Largest WebSocket message accepted from the client; a bigger one closes the session.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly string? _bubblewrap = Sandbox.Locate(options.BubblewrapPath);
    private readonly string? _shell = Sandbox.Locate(options.ShellPath);

    public ExecSessions Sessions { get; } = new();

    public async Task HandleExecAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var podName = pod.Name();
        var container = PodContainers.Resolve(pod, query["container"], includeInitContainers: false);
        var containerName = container.Str("name");
        if (string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            throw ApiErrors.BadRequest($"pod {podName} does not have a host assigned");
        }

        if (pod.Str("status", "phase") != "Running")
        {
            throw ApiErrors.BadRequest($"unable to upgrade connection: container not found (\"{containerName}\")");
        }

        // Validate before looking at the upgrade: kubectl falls back from WebSocket to SPDY on any handshake failure
        // and then shows the answer to its SPDY request, which must carry the same error.
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiErrors.BadRequest("Upgrade request required");
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = (requested.Contains(V5) ? V5 : requested.Contains(V4) ? V4 : null)
            ?? throw ApiErrors.BadRequest($"unable to upgrade connection: no supported subprotocol in [{string.Join(", ", requested)}]; this server speaks {V5} and {V4}");

        var request = new ExecRequest(
            Command: [.. query["command"].Where(c => c is not null).Select(c => c!)],
            Stdin: Flag(query["stdin"]),
            Stdout: Flag(query["stdout"]),
            Stderr: Flag(query["stderr"]),
            Tty: Flag(query["tty"]));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        await RunSessionAsync(socket, protocol == V5, pod, container, request, cancellationToken);
    }

    private static bool Flag(string? value) => value is "true" or "1" or "True";

    private SandboxSpec BuildSpec(JsonObject pod, JsonObject container, ExecRequest request)
    {
        var podDirectory = Kubelet.PodDirectory(options, pod.Uid());
        var mounts = new List<SandboxMount>();
        var volumes = pod.Arr("spec", "volumes").Objects().ToDictionary(v => v.Str("name") ?? "", StringComparer.Ordinal);
        foreach (var mount in container.Arr("volumeMounts").Objects())
        {
            var name = mount.Str("name") ?? "";
            var mountPath = mount.Str("mountPath");
            if (!volumes.TryGetValue(name, out var volume) || string.IsNullOrEmpty(mountPath) || !mountPath.StartsWith('/') || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var source = PodVolumes.VolumeDirectory(podDirectory, name);
            if (mount.Str("subPath") is { Length: > 0 } subPath && !subPath.Contains("..", StringComparison.Ordinal))
            {
                source = Path.Combine(source, subPath);
            }

            if (!Path.Exists(source))
            {
                continue;
            }

            var writable = volume.Obj("emptyDir") is not null && !(mount["readOnly"] is JsonValue ro && ro.TryGetValue<bool>(out var r) && r);
            mounts.Add(new SandboxMount(source, mountPath, !writable));
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = Sandbox.Home,
            ["HOSTNAME"] = pod.Name(),
        };
        if (request.Tty)
        {
            environment["TERM"] = "xterm-256color";
        }

        foreach (var variable in container.Arr("env").Objects())
        {
            if (variable.Str("name") is { Length: > 0 } name && variable.Str("value") is { } value)
            {
                environment[name] = value;
            }
        }

        var command = request.Command.Count > 0 ? request.Command : [_shell ?? options.ShellPath];
        var workingDirectory = container.Str("workingDir") is { Length: > 0 } wd && wd.StartsWith('/') ? wd : Sandbox.Home;
        return new SandboxSpec(pod.Name(), Path.Combine(podDirectory, "home"), mounts, workingDirectory, environment, command, request.Tty);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "exec in pod {Pod} failed")]
    private static partial void LogExecFailed(ILogger logger, Exception exception, string pod);
}
