using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads;

public sealed partial class WorkloadSimulator
{
    /// <summary>
    /// Answers <c>GET .../pods/NAME/log</c>: simulated containers write nothing, so a running container's log is empty;
    /// an unknown or not yet started container gets the 400 a real cluster gives.
    /// </summary>
    /// <param name="context">The HTTP request, with the optional <c>container</c> query parameter.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    public async Task HandleLogAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var podName = pod.Name();
        var containers = pod.Arr("spec", "containers").Objects().Concat(pod.Arr("spec", "initContainers").Objects()).ToList();
        string? name = context.Request.Query["container"];
        if (string.IsNullOrEmpty(name))
        {
            name = pod.Str("metadata", "annotations", "kubectl.kubernetes.io/default-container")
                ?? (pod.Arr("spec", "containers").Objects().Count() == 1 ? pod.Arr("spec", "containers").Objects().First().Str("name") : null);
            if (name is null)
            {
                var names = string.Join(' ', pod.Arr("spec", "containers").Objects().Select(c => c.Str("name")));
                await WriteLogErrorAsync(context, $"a container name must be specified for pod {podName}, choose one of: [{names}]", cancellationToken);
                return;
            }
        }

        if (containers.All(c => c.Str("name") != name))
        {
            await WriteLogErrorAsync(context, $"container {name} is not valid for pod {podName}", cancellationToken);
            return;
        }

        if (pod.Str("status", "phase") != "Running")
        {
            await WriteLogErrorAsync(context, $"container \"{name}\" in pod \"{podName}\" is waiting to start: ContainerCreating", cancellationToken);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteLogErrorAsync(HttpContext context, string message, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json";
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "BadRequest",
            ["code"] = 400,
        };
        await context.Response.WriteAsync(status.ToJsonString(), cancellationToken);
    }
}
