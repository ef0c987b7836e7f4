using System.Net;
using System.Net.WebSockets;
using k8s;
using k8s.Autorest;

namespace Labs.Kube;

/// <summary>
/// Exec through KubernetesClient: its WebSocket (URL, credentials, client certificates, TLS) and its
/// <see cref="StreamDemuxer"/> for the channel protocol. Closing stdin needs v5, which a client made by
/// <see cref="KubeClients.Create"/> offers first.
/// </summary>
public sealed class PodExec : IPodExec
{
    private readonly IKubernetes _kube;

    /// <summary>Creates the exec starter over <paramref name="kube"/>.</summary>
    public PodExec(IKubernetes kube)
    {
        ArgumentNullException.ThrowIfNull(kube);
        _kube = kube;
    }

    /// <inheritdoc />
    public async Task<IExecSession> StartAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = $"{request.Namespace}/{request.Pod}";
        WebSocket socket;
        try
        {
            socket = await _kube.WebSocketNamespacedPodExecAsync(
                request.Pod,
                request.Namespace,
                request.Command,
                request.Container,
                // With a TTY the terminal merges stderr into stdout, so kubectl asks for no separate stderr.
                stderr: !request.Tty,
                stdin: request.Stdin,
                stdout: true,
                tty: request.Tty,
                webSocketSubProtocol: WebSocketProtocol.V4BinaryWebsocketProtocol,
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new KubernetesException(e.Status() ?? new k8s.Models.V1Status { Message = $"Exec into {target} was refused: {e.Describe()}" }, e);
        }
        catch (WebSocketException e)
        {
            throw await ExplainRefusalAsync(request, target, e, cancellationToken);
        }

        return new DemuxedExecSession(socket, request, target);
    }

    /// <summary>
    /// A refused upgrade reports only its HTTP status; the pod itself usually says why (missing, forbidden, not running).
    /// </summary>
    private async Task<KubernetesException> ExplainRefusalAsync(ExecRequest request, string target, WebSocketException refusal, CancellationToken cancellationToken)
    {
        try
        {
            var pod = await _kube.CoreV1.ReadNamespacedPodAsync(request.Pod, request.Namespace, cancellationToken: cancellationToken);
            return new KubernetesException($"Exec into {target} was refused ({refusal.Message}); the pod is {pod.Status?.Phase ?? "without a phase"}.", refusal);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return new KubernetesException(e.Status() ?? new k8s.Models.V1Status { Message = e.Describe() }, refusal);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            return new KubernetesException($"Exec into {target} was refused: {refusal.Message}", refusal);
        }
    }
}
