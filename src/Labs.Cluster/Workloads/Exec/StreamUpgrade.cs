using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>The checks the kubelet makes before a streaming request (exec, attach) is upgraded, and its query flags.</summary>
internal static class StreamUpgrade
{
    /// <summary>
    /// The WebSocket subprotocol to answer (v5 when offered, else v4), once the pod can be streamed to; throws the
    /// kubelet's 400 otherwise.
    /// </summary>
    public static string Protocol(HttpContext context, JsonObject pod, string? containerName)
    {
        var podName = pod.Name();
        if (string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            throw ApiErrors.BadRequest($"pod {podName} does not have a host assigned");
        }

        // The kubelet streams to the containers of a running pod, and to an init container while its turn lasts.
        var init = pod.Arr("status", "initContainerStatuses").Objects().FirstOrDefault(s => s.Str("name") == containerName);
        if (init is not null ? init.At("state", "running") is null : pod.Str("status", "phase") != "Running")
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
        return (requested.Contains(ExecHandler.V5) ? ExecHandler.V5 : requested.Contains(ExecHandler.V4) ? ExecHandler.V4 : null)
            ?? throw ApiErrors.BadRequest(
                $"unable to upgrade connection: no supported subprotocol in [{string.Join(", ", requested)}]; this server speaks {ExecHandler.V5} and {ExecHandler.V4}");
    }

    /// <summary>A boolean query parameter as clients send it (<c>true</c> or <c>1</c>).</summary>
    public static bool Flag(string? value) => value is "true" or "1" or "True";
}
