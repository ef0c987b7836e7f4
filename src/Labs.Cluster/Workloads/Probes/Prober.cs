using System.Globalization;
using System.Security.Authentication;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Network;

namespace Labs.Cluster.Workloads.Probes;

/// <summary>What one probe run found: success, failure (with the kubelet's output), or an error that does not count.</summary>
internal enum ProbeResult
{
    Success,
    Failure,
    Unknown,
}

/// <summary>
/// Runs one probe of a container as the kubelet's prober does, against what the pod really serves (its
/// <see cref="PodNetwork"/>) or, for exec, in the container's sandbox; the output is worded as the kubelet's, for the
/// <c>Unhealthy</c> event (<c>HTTP probe failed with statuscode: 404</c>, <c>dial tcp IP:PORT: connect: connection refused</c>).
/// </summary>
internal sealed class Prober(PodNetwork network, ContainerRuntime runtime)
{
    /// <summary>The User-Agent of the kubelet's HTTP probes.</summary>
    public const string UserAgent = "kube-probe/1.32";

    // The kubelet reads at most this much of a probe's output.
    private const int MaxOutput = 10 * 1024;

    /// <summary>Runs <paramref name="probe"/> (a container's livenessProbe, readinessProbe or startupProbe) once.</summary>
    public async Task<(ProbeResult Result, string Output)> RunAsync(JsonObject pod, JsonObject container, JsonObject probe, string podIp, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.Long("timeoutSeconds") ?? 1));
        try
        {
            if (probe.Obj("exec") is { } exec)
            {
                return await ExecAsync(pod, container, exec, timeout, cancellationToken);
            }

            var (handler, field) = probe.Obj("httpGet") is { } h ? (h, "httpGet") : probe.Obj("tcpSocket") is { } t ? (t, "tcpSocket") : probe.Obj("grpc") is { } g ? (g, "grpc") : (null, "");
            if (handler is null)
            {
                return (ProbeResult.Unknown, $"missing probe handler for {pod.Name()}_{pod.Namespace()}({pod.Uid()}):{container.Str("name")}");
            }

            if (Port(handler["port"], container) is not { } port)
            {
                return (ProbeResult.Unknown, $"unable to find port {handler["port"]?.ToJsonString().Trim('"')} in container {container.Str("name")}");
            }

            var host = handler.Str("host") is { Length: > 0 } given ? given : podIp;
            return field switch
            {
                "httpGet" => await HttpAsync(pod, handler, host, port, timeout, cancellationToken),
                "tcpSocket" => await TcpAsync(pod, host, port, cancellationToken),
                _ => await GrpcAsync(pod, host, port, timeout, cancellationToken),
            };
        }
        catch (InvalidOperationException e)
        {
            return (ProbeResult.Unknown, e.Message);
        }
    }

    private async Task<(ProbeResult, string)> ExecAsync(JsonObject pod, JsonObject container, JsonObject exec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<string> command = [.. (exec.Arr("command") ?? []).Select(c => (string?)c ?? "")];
        if (command.Count == 0)
        {
            return (ProbeResult.Unknown, "exec probe has no command");
        }

        var (exitCode, output) = await runtime.RunAsync(pod, container, command, timeout, cancellationToken);
        return exitCode switch
        {
            null => (ProbeResult.Failure, $"command \"{string.Join(' ', command)}\" timed out"),
            0 => (ProbeResult.Success, output),
            _ => (ProbeResult.Failure, output),
        };
    }

    private async Task<(ProbeResult, string)> HttpAsync(JsonObject pod, JsonObject httpGet, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var scheme = (httpGet.Str("scheme") ?? "HTTP").ToLowerInvariant();
        var path = httpGet.Str("path") ?? "";
        if (path.Length > 0 && !path.StartsWith('/'))
        {
            path = "/" + path;
        }

        var url = $"{scheme}://{host}:{port.ToString(CultureInfo.InvariantCulture)}{path}";
        var connection = await network.ConnectAsync(pod, port, From(pod), cancellationToken);
        if (connection is null)
        {
            return (ProbeResult.Failure, $"Get \"{url}\": {Refused(host, port)}");
        }

        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, _) => ValueTask.FromResult(connection),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
#pragma warning disable CA5359 // The kubelet's HTTPS probes do not verify the certificate either (InsecureSkipVerify).
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        request.Headers.ConnectionClose = true;
        foreach (var header in httpGet.Arr("httpHeaders").Objects())
        {
            if (header.Str("name") is { Length: > 0 } name)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, header.Str("value") ?? "");
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var body = await ReadBodyAsync(response, deadline.Token);
            return status is >= 200 and < 400
                ? (ProbeResult.Success, body)
                : (ProbeResult.Failure, $"HTTP probe failed with statuscode: {status.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ProbeResult.Failure, $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e) when (scheme == "https" && e.InnerException is AuthenticationException or IOException)
        {
            return (ProbeResult.Failure, $"Get \"{url}\": http: server gave HTTP response to HTTPS client");
        }
        catch (HttpRequestException)
        {
            return (ProbeResult.Failure, $"Get \"{url}\": EOF");
        }
    }

    private async Task<(ProbeResult, string)> TcpAsync(JsonObject pod, string host, int port, CancellationToken cancellationToken)
    {
        var connection = await network.ConnectAsync(pod, port, From(pod), cancellationToken);
        if (connection is null)
        {
            return (ProbeResult.Failure, Refused(host, port));
        }

        await connection.DisposeAsync();
        return (ProbeResult.Success, "");
    }

    // No simulated server speaks gRPC, and a real process is not asked: a connection is as good as none, as for the
    // kubelet's prober when the server does not answer the health RPC before the timeout.
    private async Task<(ProbeResult, string)> GrpcAsync(JsonObject pod, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await network.ConnectAsync(pod, port, From(pod), cancellationToken) is { } connection)
        {
            await connection.DisposeAsync();
        }

        return (ProbeResult.Failure,
            $"timeout: failed to connect service \"{host}:{port.ToString(CultureInfo.InvariantCulture)}\" within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s: context deadline exceeded");
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxOutput];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += n;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>A probe's port: a number, or the name of one of the container's ports.</summary>
    private static int? Port(JsonNode? port, JsonObject container)
    {
        if (port is JsonValue v && v.TryGetValue<int>(out var number))
        {
            return number is > 0 and < 65536 ? number : null;
        }

        var name = (string?)port;
        var named = container.Arr("ports").Objects().FirstOrDefault(p => p.Str("name") == name)?.Long("containerPort");
        return named is > 0 and < 65536 ? (int)named
            : int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and < 65536 ? number
            : null;
    }

    // The kubelet probes from its node.
    private static string From(JsonObject pod) => $"{pod.Str("status", "hostIP") ?? NodeRegistrar.InternalIp(1)}:{Ephemeral.Next().ToString(CultureInfo.InvariantCulture)}";

    private static string Refused(string host, int port) => $"dial tcp {host}:{port.ToString(CultureInfo.InvariantCulture)}: connect: connection refused";
}
