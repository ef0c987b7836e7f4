using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads;

public sealed partial class WorkloadSimulator
{
    private static readonly string[] StatusFields = ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"];

    /// <summary>
    /// Answers <c>GET .../pods/NAME/log</c>: a container that runs for real logs its output, a simulated one what its
    /// image's server writes (start-up lines, access log); <c>previous=true</c> gives the run before the current one.
    /// An unknown or not yet started container, or a previous run that does not exist, gets the 400 a real cluster
    /// gives (thrown as an <see cref="ApiException"/> for the API pipeline to answer).
    /// </summary>
    /// <param name="context">The HTTP request, with the optional <c>container</c> query parameter.</param>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    public async Task HandleLogAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = PodContainers.Resolve(pod, context.Request.Query["container"], includeInitContainers: true, includeEphemeralContainers: true).Str("name");
        var previous = string.Equals(context.Request.Query["previous"], "true", StringComparison.OrdinalIgnoreCase);
        var log = _runtime.Log(pod.Uid(), name ?? "", previous);
        if (previous && log is null)
        {
            throw ApiErrors.BadRequest($"previous terminated container \"{name}\" in pod \"{pod.Name()}\" not found");
        }

        if (log is null && pod.Str("status", "phase") != "Running")
        {
            var waiting = StatusFields.SelectMany(f => pod.Arr("status", f).Objects()).FirstOrDefault(c => c.Str("name") == name)?.Str("state", "waiting", "reason");
            throw ApiErrors.BadRequest($"container \"{name}\" in pod \"{pod.Name()}\" is waiting to start: {waiting ?? "ContainerCreating"}");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        if (log is not null)
        {
            // A container that runs for real logs what it wrote (the last MiB of it).
            await context.Response.Body.WriteAsync(Tail(log, context.Request.Query["tailLines"]), cancellationToken);
        }

        await context.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The last <paramref name="tailLines"/> lines of a log (all of it without the parameter).</summary>
    private static byte[] Tail(byte[] log, string? tailLines)
    {
        if (!int.TryParse(tailLines, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lines))
        {
            return log;
        }

        var end = log.Length > 0 && log[^1] == (byte)'\n' ? log.Length - 1 : log.Length;
        var start = end;
        for (var seen = 0; start > 0; start--)
        {
            if (log[start - 1] == (byte)'\n' && ++seen == lines)
            {
                break;
            }
        }

        return lines == 0 ? [] : log[start..];
    }
}
