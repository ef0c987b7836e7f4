using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Registry.ApiExtensions;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Subresources: status, scale (autoscaling/v1 Scale), and the handed-off exec, log and token.</summary>
internal sealed partial class ApiServer
{
    /// <summary>The autoscaling/v1 Scale that the scale subresource reads and writes.</summary>
    private static readonly ResourceStrategy ScaleStrategy = new(new ResourceDefinition("autoscaling", "v1", "scale", "scale", "Scale", true, [], [], [], []));

    private async Task ServeSubresourceAsync(HttpContext context, ApiRequest request, ResourceStrategy strategy, string? ns)
    {
        var target = new Target(strategy, ns, request.Name);
        var definition = strategy.Definition;
        var gr = strategy.Resource;
        var method = context.Request.Method.ToUpperInvariant();
        if (request.Subresource == "proxy" || request.Subresource.StartsWith("proxy/", StringComparison.Ordinal))
        {
            // The name carries a port (web:80), and the rest of the path is the pod's.
            await ServeProxyAsync(context, request, strategy, ns ?? string.Empty);
            return;
        }

        var existing = _store.Get(gr, ns, request.Name) ?? throw ApiErrors.NotFound(gr, request.Name);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        switch (request.Subresource, method)
        {
            case ("status", "GET"):
                await WriteJsonAsync(context, 200, Out(strategy, existing));
                break;
            case ("status" or "approval", "PUT"):
                var body = await ReadObjectAsync(context, definition);
                await WriteJsonAsync(context, 200, Out(strategy, UpdateStatusObject(context, target, body, WriteOrigin.Body)));
                break;
            case ("status" or "approval", "PATCH"):
                await PatchAsync(context, target, statusOnly: true);
                break;
            case ("scale", "GET"):
                await WriteJsonAsync(context, 200, ScaleOf(strategy, existing));
                break;
            case ("scale", "PUT" or "PATCH"):
                await UpdateScaleAsync(context, target, existing, method);
                break;
            case ("exec", "GET" or "POST") when _hooks.ExecAsync is { } exec:
                await exec(context, existing, streaming.Token);
                break;
            case ("ephemeralcontainers", "GET"):
                await WriteJsonAsync(context, 200, Out(strategy, existing));
                break;
            case ("ephemeralcontainers", "PUT" or "PATCH"):
                await UpdateEphemeralContainersAsync(context, target, existing, method);
                break;
            case ("portforward", "GET" or "POST") when _hooks.PortForwardAsync is { } portForward:
                await portForward(context, existing, streaming.Token);
                break;
            case ("attach", "GET" or "POST") when _hooks.AttachAsync is { } attach:
                await attach(context, existing, streaming.Token);
                break;
            case ("log", "GET"):
                if (_hooks.LogAsync is { } log)
                {
                    await log(context, existing, streaming.Token);
                }
                else
                {
                    context.Response.ContentType = "text/plain";
                }

                break;
            case ("token", "POST") when _hooks.TokenAsync is { } token:
                await token(context, existing, context.RequestAborted);
                break;
            case ("eviction", "POST"):
                var eviction = await ReadOptionalObjectAsync(context, _hooks.DecodeProtobuf ?? (_ => throw ApiErrors.UnsupportedMediaType("application/vnd.kubernetes.protobuf")));
                await WriteJsonAsync(context, 201, Registry.Policy.PodEviction.Evict(_store, ns ?? string.Empty, request.Name, eviction, _time.GetUtcNow()));
                break;
            case ("finalize", "PUT"):
                await UpdateAsync(context, target);
                break;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    /// <summary>The <c>autoscaling/v1</c> Scale view of a Deployment, a ReplicaSet or a custom resource with a scale subresource.</summary>
    private static JsonObject ScaleOf(ResourceStrategy strategy, JsonObject obj)
    {
        var paths = strategy.Scale;
        var metadata = obj.Meta();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = paths is null ? obj["spec"]?["replicas"]?.DeepClone() ?? 1 : ScalePaths.Read(obj, paths.SpecReplicas)?.DeepClone() ?? 0,
            },
            ["status"] = new JsonObject
            {
                ["replicas"] = (paths is null ? obj["status"]?["replicas"] : ScalePaths.Read(obj, paths.StatusReplicas))?.DeepClone() ?? 0,
                ["selector"] = paths is null ? SelectorString(obj["spec"]?["selector"])
                    : paths.LabelSelector is { } selectorPath ? (string?)ScalePaths.Read(obj, selectorPath) ?? string.Empty : string.Empty,
            },
        };
    }

    private static string SelectorString(JsonNode? selector)
    {
        var text = TableColumns.SelectorText(selector);
        return text == "<none>" ? string.Empty : text;
    }

    private async Task UpdateScaleAsync(HttpContext context, Target target, JsonObject existing, string method)
    {
        JsonObject scale;
        WriteOrigin origin;
        if (method == "PUT")
        {
            scale = await ReadObjectAsync(context, ScaleStrategy.Definition);
            origin = WriteOrigin.Body;
        }
        else
        {
            var mediaType = PatchMediaType(context, target.Strategy);
            var patch = ParsePatch(await ReadBytesAsync(context));
            origin = new WriteOrigin(mediaType, patch);
            scale = ApplyPatch(mediaType, ScaleOf(target.Strategy, existing), patch);
        }

        // The Scale is decoded like any other object, so replicas is an int32 from here on.
        ValidateFields(context, target with { Strategy = ScaleStrategy }, scale, origin);
        if (Access.JsonFields.Int64(scale["spec"]?["replicas"]) is not { } replicas || replicas < 0)
        {
            var shown = scale["spec"]?["replicas"]?.ToJsonString() ?? "null";
            throw ApiErrors.Invalid("Scale", "autoscaling", target.Name,
                [("FieldValueInvalid", "spec.replicas", $"Invalid value: {shown}: must be greater than or equal to 0")]);
        }

        for (var attempt = 1; ; attempt++)
        {
            var updated = existing.DeepClone().AsObject();
            ScalePaths.Write(updated, target.Strategy.Scale?.SpecReplicas ?? ".spec.replicas", replicas);
            if (scale["metadata"]?["resourceVersion"] is JsonValue rv && method == "PUT")
            {
                updated.Meta()["resourceVersion"] = rv.DeepClone();
            }

            try
            {
                var options = new WriteOptions(IsDryRun(context), Fields: FieldWriteOf(context, target, "scale"));
                var result = _store.Update(target.Resource, target.Namespace, updated, existing, options);
                await WriteJsonAsync(context, 200, ScaleOf(target.Strategy, result));
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && method == "PATCH" && attempt < 5)
            {
                existing = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
            }
        }
    }
}
