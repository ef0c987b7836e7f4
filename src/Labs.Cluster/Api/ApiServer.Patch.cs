using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>PATCH: JSON merge, JSON Patch, strategic merge; server-side apply is <see cref="ApplyAsync"/>.</summary>
internal sealed partial class ApiServer
{
    private async Task PatchAsync(HttpContext context, Target target, bool statusOnly)
    {
        var mediaType = PatchMediaType(context, target.Strategy);
        var patch = ParsePatch(await ReadBytesAsync(context));
        var origin = new WriteOrigin(mediaType, patch);
        if (origin.IsApply)
        {
            await ApplyAsync(context, target, patch, origin, statusOnly);
            return;
        }

        RefuseForce(context);
        var existing = _store.Get(target.Resource, target.Namespace, target.Name) is { } stored ? Out(target.Strategy, stored) : null;
        if (existing is null)
        {
            throw ApiErrors.NotFound(target.Resource, target.Name);
        }

        // A patch without its own resourceVersion is not a precondition: retry when a controller wrote in between,
        // as the real API server does.
        var unconditional = patch is not JsonObject po || po["metadata"]?["resourceVersion"] is null;
        for (var attempt = 1; ; attempt++)
        {
            var patched = ApplyPatch(mediaType, existing, patch);
            try
            {
                await WriteUpdatedAsync(context, target, existing, patched, origin, statusOnly);
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && unconditional && attempt < 5)
            {
                existing = Out(target.Strategy, _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name));
            }
        }
    }

    /// <summary>Writes a patched (or applied) object through the update path of the resource or its status, and answers it.</summary>
    private async Task WriteUpdatedAsync(HttpContext context, Target target, JsonObject existing, JsonObject obj, WriteOrigin origin, bool statusOnly)
    {
        var result = statusOnly
            ? UpdateStatusObject(context, target, obj, origin)
            : UpdateObject(context, target, existing, obj, origin);
        await WriteObjectAsync(context, target.Strategy, result, 200);
    }

    private static readonly string[] BuiltinPatchTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    // Custom resources have no Go struct to read patch strategies from, so no strategic merge patch.
    private static readonly string[] CustomPatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

    /// <summary>The patch type of the request; 415 for anything that is not a patch type of the resource.</summary>
    private static string PatchMediaType(HttpContext context, ResourceStrategy strategy)
    {
        var mediaType = MediaType(context);
        var accepted = strategy.Schema is null ? BuiltinPatchTypes : CustomPatchTypes;
        if (!accepted.Contains(mediaType))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");
        }

        return mediaType;
    }

    /// <summary>Applies a patch body of the given media type to a copy of <paramref name="existing"/>.</summary>
    private static JsonObject ApplyPatch(string mediaType, JsonObject existing, JsonNode? patch)
    {
        JsonNode? result = mediaType switch
        {
            "application/json-patch+json" => JsonPatch.Apply(existing, patch),
            "application/strategic-merge-patch+json" => patch is JsonObject smp
                ? StrategicMergePatch.Apply(existing, smp)
                : throw ApiErrors.BadRequest("strategic merge patch: the body must be a JSON object"),
            _ => patch is JsonObject
                ? MergePatch.Apply(existing, patch)
                : throw ApiErrors.BadRequest("merge patch: the body must be a JSON object"),
        };
        return result as JsonObject ?? throw ApiErrors.BadRequest("patch: the patched object is not a JSON object");
    }
}
