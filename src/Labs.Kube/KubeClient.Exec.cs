using System.Net;
using System.Net.WebSockets;

namespace Labs.Kube;

public sealed partial class KubeClient
{
    /// <inheritdoc />
    /// <exception cref="KubeApiException">The server refused the upgrade (e.g. 403, or 404 for a missing pod).</exception>
    /// <exception cref="TimeoutException">The server did not answer the upgrade within <see cref="RequestTimeout"/>.</exception>
    public async Task<IExecSession> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Namespace);
        ArgumentException.ThrowIfNullOrEmpty(request.Pod);
        if (request.Command is null || request.Command.Count == 0)
        {
            throw new ArgumentException($"Exec into pod {request.Namespace}/{request.Pod} needs a command.", nameof(request));
        }

        var uri = ExecUrl(request);
        var target = request.Container is null ? $"pod {request.Namespace}/{request.Pod}" : $"pod {request.Namespace}/{request.Pod} container {request.Container}";
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.AddSubProtocol(ExecFrames.V5Protocol);
            socket.Options.AddSubProtocol(ExecFrames.V4Protocol);
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            var token = Connection.GetBearerToken();
            if (!string.IsNullOrEmpty(token))
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (RequestTimeout != Timeout.InfiniteTimeSpan)
            {
                timeout.CancelAfter(RequestTimeout);
            }

            try
            {
                // Going through our HttpClient gives the WebSocket the same TLS trust and client certificate.
                await socket.ConnectAsync(uri, _http, timeout.Token);
            }
            catch (WebSocketException e) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                throw await RefusalAsync(uri, socket.HttpStatusCode, target, e, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Exec into {target} got no answer from {Connection.Server.Authority} within {RequestTimeout.TotalSeconds:0.#} s.");
            }

            if (socket.SubProtocol is not (ExecFrames.V5Protocol or ExecFrames.V4Protocol))
            {
                throw new NotSupportedException($"The API server accepted exec into {target} without agreeing on {ExecFrames.V5Protocol} or {ExecFrames.V4Protocol} (it chose '{socket.SubProtocol ?? "none"}').");
            }

            return new ExecSession(socket, target);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal Uri ExecUrl(ExecRequest request)
    {
        var query = new List<KeyValuePair<string, string?>>();
        query.AddRange(request.Command.Select(c => new KeyValuePair<string, string?>("command", c)));
        query.Add(new("container", request.Container));
        query.Add(new("stdin", request.Stdin ? "true" : "false"));
        query.Add(new("stdout", "true"));
        // With a TTY the terminal merges stderr into stdout, so kubectl asks for no separate stderr.
        query.Add(new("stderr", request.Tty ? "false" : "true"));
        query.Add(new("tty", request.Tty ? "true" : "false"));
        var http = Url(ResourceType.Pods, request.Namespace, request.Pod, "exec", query);
        var builder = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>
    /// ClientWebSocket exposes only the status code of a refused upgrade; a plain GET of the same URL gets the
    /// server's Status with the reason (pod not found, forbidden, ...).
    /// </summary>
    private async Task<KubeApiException> RefusalAsync(Uri wsUri, HttpStatusCode status, string target, Exception inner, CancellationToken cancellationToken)
    {
        var fallback = new KubeApiException((int)status, status.ToString(), $"Exec into {target} was refused: HTTP {(int)status} {status} ({inner.Message})");
        var httpUri = new UriBuilder(wsUri) { Scheme = wsUri.Scheme == "wss" ? Uri.UriSchemeHttps : Uri.UriSchemeHttp }.Uri;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var request = CreateRequest(HttpMethod.Get, httpUri);
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return response.StatusCode == status && KubeStatus.TryParseStatus(body, out var parsed)
                ? KubeStatus.FromStatus(parsed, (int)status, $"exec into {target}")
                : fallback;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return fallback;
        }
    }
}
