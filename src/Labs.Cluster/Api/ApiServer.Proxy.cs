using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// The proxy subresources, <c>pods/NAME[:PORT]/proxy/PATH</c> and <c>services/NAME[:PORT]/proxy/PATH</c>, located as
/// kube-apiserver's ResourceLocation does (a scheme and port in the name, a pod's first container port, a service's
/// endpoints), with its errors; the workloads carry the request into the pod.
/// </summary>
internal sealed partial class ApiServer
{
    private static readonly GroupResource Endpoints = new(string.Empty, "endpoints");

    private async Task ServeProxyAsync(HttpContext context, ApiRequest request, ResourceStrategy strategy, string ns)
    {
        var isPod = strategy.Resource.Resource == "pods";
        var kind = isPod ? "pod" : "service";
        var parts = request.Name.Split(':');
        var (scheme, name, port) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => ("", parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => ("", "", ""),
        };
        if (name.Length == 0 || scheme is not ("" or "http" or "https"))
        {
            throw ApiErrors.BadRequest($"invalid {kind} request \"{request.Name}\"");
        }

        var marker = $"/{request.Name}/proxy";
        var at = request.Path.IndexOf(marker, StringComparison.Ordinal);
        var path = at >= 0 && request.Path.Length > at + marker.Length ? request.Path[(at + marker.Length)..] : "/";
        var (pod, target) = isPod ? PodTarget(ns, name, port) : ServiceTarget(ns, name, port);
        if (_hooks.PodProxyAsync is { } proxy)
        {
            await proxy(context, pod, target, path, context.RequestAborted);
            return;
        }

        throw new ApiException(503, "ServiceUnavailable",
            $"error trying to reach service: dial tcp {pod["status"]?["podIP"]}:{target.ToString(CultureInfo.InvariantCulture)}: connect: connection refused");
    }

    private (JsonObject Pod, int Port) PodTarget(string ns, string name, string port)
    {
        var pods = new GroupResource(string.Empty, "pods");
        var pod = _store.Get(pods, ns, name) ?? throw ApiErrors.NotFound(pods, name);
        if (port.Length == 0)
        {
            // The first port a container declares, else HTTP's.
            port = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["ports"]?[0]?["containerPort"]?.ToJsonString()).FirstOrDefault(p => p is not null) ?? "80";
        }

        if ((string?)pod["status"]?["podIP"] is not { Length: > 0 } ip || !System.Net.IPAddress.TryParse(ip, out _))
        {
            throw ApiErrors.BadRequest("address not allowed");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp: address {ip}:{port}: unknown port");
        }

        return (pod, number);
    }

    private (JsonObject Pod, int Port) ServiceTarget(string ns, string name, string port)
    {
        var services = new GroupResource(string.Empty, "services");
        if (long.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // A port number names the service port of that number.
            var service = _store.Get(services, ns, name) ?? throw ApiErrors.NotFound(services, name);
            port = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p["port"]?.ToJsonString() == port) is { } found
                ? (string?)found["name"] ?? string.Empty
                : throw new ApiException(503, "ServiceUnavailable", $"no service port {number} found for service \"{name}\"");
        }

        var endpoints = _store.Get(Endpoints, ns, name) ?? throw ApiErrors.NotFound(Endpoints, name);
        foreach (var subset in (endpoints["subsets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var matching = (subset["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => ((string?)p["name"] ?? string.Empty) == port);
            if (matching is null || Access.JsonFields.Int64(matching["port"]) is not { } target)
            {
                continue;
            }

            foreach (var address in (subset["addresses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (AddressPod(ns, address) is { } pod)
                {
                    return (pod, (int)target);
                }
            }
        }

        throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
    }

    // isValidAddress: an endpoint address must be a pod of the namespace that has that IP.
    private JsonObject? AddressPod(string ns, JsonObject address)
    {
        var ip = (string?)address["ip"];
        var pods = new GroupResource(string.Empty, "pods");
        var named = (string?)address["targetRef"]?["name"] is { Length: > 0 } podName ? _store.Get(pods, ns, podName) : null;
        return named is not null && (string?)named["status"]?["podIP"] == ip
            ? named
            : _store.List(pods, ns).Items.FirstOrDefault(p => (string?)p["status"]?["podIP"] == ip);
    }
}
