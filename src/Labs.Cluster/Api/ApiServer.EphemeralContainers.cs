using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Registry.Core;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// <c>pods/ephemeralcontainers</c> (what <c>kubectl debug</c> patches): the pod, of which a write may change only
/// <c>spec.ephemeralContainers</c>, and only by adding containers.
/// </summary>
internal sealed partial class ApiServer
{
    private async Task UpdateEphemeralContainersAsync(HttpContext context, Target target, JsonObject existing, string method)
    {
        JsonObject proposed;
        JsonNode? patch = null;
        var mediaType = string.Empty;
        if (method == "PUT")
        {
            proposed = await ReadObjectAsync(context, target.Definition);
            ValidateFields(context, target, proposed, WriteOrigin.Body);
        }
        else
        {
            mediaType = PatchMediaType(context, target.Strategy);
            patch = ParsePatch(await ReadBytesAsync(context));
            proposed = ApplyPatch(mediaType, Out(target.Strategy, existing), patch);
            ValidateFields(context, target, proposed, new WriteOrigin(mediaType, patch));
        }

        for (var attempt = 1; ; attempt++)
        {
            // Everything but the ephemeral containers stays as stored, whatever the body says.
            var updated = existing.DeepClone().AsObject();
            var spec = updated["spec"] as JsonObject ?? [];
            updated["spec"] = spec;
            spec.Remove("ephemeralContainers");
            if (proposed["spec"]?["ephemeralContainers"] is { } ephemeral)
            {
                spec["ephemeralContainers"] = ephemeral.DeepClone();
            }

            if (method == "PUT" && proposed["metadata"]?["resourceVersion"] is JsonValue rv)
            {
                updated.Meta()["resourceVersion"] = rv.DeepClone();
            }

            var causes = new List<(string, string, string)>();
            EphemeralContainerValidation.Check(updated, existing, causes);
            if (causes.Count > 0)
            {
                throw ApiErrors.Invalid(target.Definition.Kind, target.Definition.Group, target.Name, causes);
            }

            try
            {
                var result = _store.Update(target.Resource, target.Namespace, updated, existing, new WriteOptions(IsDryRun(context)));
                await WriteJsonAsync(context, 200, Out(target.Strategy, result));
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && method == "PATCH" && attempt < 5)
            {
                existing = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
                proposed = ApplyPatch(mediaType, Out(target.Strategy, existing), patch);
            }
        }
    }
}
