using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Exec;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// Serves <c>pods/attach</c> as the kubelet does: a WebSocket (<c>v5.channel.k8s.io</c> or v4, the framing of exec)
/// joined to the container's main process: its output from now on, the session's input when it asked for stdin, and
/// a Success status on channel 3 when the container's output ends. Leaving detaches; the container runs on.
/// </summary>
internal sealed class AttachHandler(ContainerRuntime runtime)
{
    public async Task HandleAttachAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var container = PodContainers.Resolve(pod, query["container"], includeInitContainers: false, includeEphemeralContainers: true);
        var name = container.Str("name") ?? "";
        var protocol = StreamUpgrade.Protocol(context, pod, name);
        var request = new ExecRequest([], StreamUpgrade.Flag(query["stdin"]), StreamUpgrade.Flag(query["stdout"]), StreamUpgrade.Flag(query["stderr"]),
            StreamUpgrade.Flag(query["tty"]));

        // A simulated container has no process of its own: the session is silent until it leaves, as one attached to
        // a server that writes nothing.
        var attachment = runtime.Find(pod.Uid(), name)?.Attach(request.Stdin) ?? new Attachment(null, stdin: false);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var receiving = ExecHandler.ReceiveLoopAsync(socket, attachment, protocol == ExecHandler.V5, request, session);
            await ExecHandler.SendOutputAsync(socket, attachment, request, session.Token);
            await ExecHandler.FinishAsync(socket, new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }, session.Token);
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away: it is detached below.
        }
        finally
        {
            await session.CancelAsync();
            attachment.Kill();
        }
    }
}
