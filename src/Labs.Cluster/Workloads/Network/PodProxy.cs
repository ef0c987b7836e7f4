using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The API server's HTTP proxy to a pod's address (<c>pods/NAME:PORT/proxy/PATH</c>): the request goes to the port
/// through the <see cref="PodNetwork"/> (a simulated server, or a process that runs for real), and the answer comes back
/// as it is. Where nothing listens it is the API server's 503 for a refused connection.
/// </summary>
internal sealed class PodProxy(PodNetwork network)
{
    // What a proxy does not pass on: the connection's own headers and the caller's credentials.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Authorization",
    };

    public async Task HandleAsync(HttpContext context, JsonObject pod, int port, string path, CancellationToken cancellationToken)
    {
        var ip = pod.Str("status", "podIP") ?? "";
        if (await network.ConnectAsync(pod, port, $"{NodeRegistrar.InternalIp(1)}:{Ephemeral.Next()}", cancellationToken) is { } tunnel)
        {
            await RelayAsync(context, tunnel, $"{ip}:{port.ToString(CultureInfo.InvariantCulture)}", path, cancellationToken);
            return;
        }

        throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp {ip}:{port.ToString(CultureInfo.InvariantCulture)}: connect: connection refused");
    }

    private static async Task RelayAsync(HttpContext context, Stream tunnel, string host, string path, CancellationToken cancellationToken)
    {
        // The client's connection is the tunnel: nothing is dialled on any network.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, _) => ValueTask.FromResult(tunnel),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://{host}{path}{context.Request.QueryString}");
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
    }
}
