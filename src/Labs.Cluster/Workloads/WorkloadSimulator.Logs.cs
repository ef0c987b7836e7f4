using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads;

public sealed partial class WorkloadSimulator
{
    /// <summary>
    /// Answers <c>GET .../pods/NAME/log</c>: simulated containers write nothing, so a running container's log is empty;
    /// an unknown or not yet started container gets the 400 a real cluster gives (thrown as an <see cref="ApiException"/>
    /// for the API pipeline to answer).
    /// </summary>
    /// <param name="context">The HTTP request, with the optional <c>container</c> query parameter.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    public async Task HandleLogAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = PodContainers.Resolve(pod, context.Request.Query["container"], includeInitContainers: true).Str("name");
        if (pod.Str("status", "phase") != "Running")
        {
            throw ApiErrors.BadRequest($"container \"{name}\" in pod \"{pod.Name()}\" is waiting to start: ContainerCreating");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
