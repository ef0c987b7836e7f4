using k8s;

namespace Labs.Kube;

/// <summary>Makes the platform's KubernetesClient instances, so every one behaves the same.</summary>
public static class KubeClients
{
    /// <summary>The <c>fieldManager</c> the platform records on the objects it writes.</summary>
    public const string FieldManager = "labs";

    /// <summary>
    /// A client for <paramref name="configuration"/> whose exec offers <c>v5.channel.k8s.io</c> before
    /// <c>v4.channel.k8s.io</c> in one handshake, as kubectl does: v5 can close stdin on its own, which setup scripts
    /// need, and servers older than Kubernetes 1.30 still answer v4.
    /// </summary>
    /// <param name="configuration">Server, credentials and TLS, from a kubeconfig or the in-cluster service account.</param>
    /// <param name="handlers">Handlers placed in front of the client's own HTTP handler (tests, diagnostics).</param>
    public static Kubernetes Create(KubernetesClientConfiguration configuration, params DelegatingHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var client = new Kubernetes(configuration, handlers);
        var builder = client.CreateWebSocketBuilder;
        client.CreateWebSocketBuilder = () =>
        {
            var webSocket = builder();
            // The client adds the subprotocol it is asked for (v4) after this one; the server picks the first it speaks.
            webSocket.Options.AddSubProtocol(WebSocketProtocol.V5BinaryWebsocketProtocol);
            return webSocket;
        };
        return client;
    }
}
