using System.Text.Json.Nodes;
using Labs.Cluster.Api.Apply;
using Labs.Cluster.Schema;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) and the field manager of every write: the configuration is
/// merged by ownership (<see cref="FieldManager.Apply"/>), then written through the create or update path like any
/// other object.
/// </summary>
internal sealed partial class ApiServer
{
    private async Task ApplyAsync(HttpContext context, Target target, JsonNode? patch, WriteOrigin origin, bool statusOnly)
    {
        // The apiserver checks the PatchOptions before it reads the object.
        string? manager = context.Request.Query["fieldManager"];
        if (string.IsNullOrEmpty(manager))
        {
            throw PatchOptionsInvalid("FieldValueRequired", "fieldManager", "Required value: is required for apply patch");
        }

        var force = Force(context);
        if (patch is not JsonObject sent)
        {
            throw ApiErrors.BadRequest("error decoding YAML: the applied configuration must be an object");
        }

        // The configuration is decoded into the type before anything is merged: a wrong type is a 400 whoever owns
        // the field, and fields the type does not have are nobody's.
        var config = sent.DeepClone().AsObject();
        ValidateFields(context, target, config, origin);

        var write = FieldWrite.For(target.Strategy, ValidManager(manager), statusOnly ? "status" : string.Empty, _time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            var stored = _store.Get(target.Resource, target.Namespace, target.Name);
            if (stored is null)
            {
                if (statusOnly)
                {
                    throw ApiErrors.NotFound(target.Resource, target.Name);
                }

                var created = CreateObject(context, target, FieldManager.Apply(null, config, write, force), origin);
                await WriteObjectAsync(context, target.Strategy, created, 201);
                return;
            }

            var existing = Out(target.Strategy, stored);
            var applied = FieldManager.Apply(existing, config, write, force);
            try
            {
                await WriteUpdatedAsync(context, target, existing, applied, origin, statusOnly);
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && e.Details?["causes"] is null && config["metadata"]?["resourceVersion"] is null && attempt < 5)
            {
                // Another write came in between: apply again to what it left, as the apiserver's update retries do.
            }
        }
    }

    /// <summary>The field manager of a write other than apply: <c>fieldManager</c>, else the user agent up to its first '/'.</summary>
    private static FieldWrite FieldWriteOf(HttpContext context, Target target, string subresource, TimeProvider time)
    {
        string? manager = context.Request.Query["fieldManager"];
        if (string.IsNullOrEmpty(manager))
        {
            var agent = context.Request.Headers.UserAgent.ToString();
            var prefix = agent.Split('/')[0];
            manager = new string(prefix.Where(c => !char.IsControl(c)).Take(128).ToArray());
        }
        else
        {
            manager = ValidManager(manager);
        }

        return FieldWrite.For(target.Strategy, manager, subresource, time.GetUtcNow());
    }

    private FieldWrite FieldWriteOf(HttpContext context, Target target, string subresource) => FieldWriteOf(context, target, subresource, _time);

    // ValidateFieldManager: at most 128 bytes of printable characters.
    private static string ValidManager(string manager)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(manager) > 128)
        {
            throw PatchOptionsInvalid("FieldValueTooLong", "fieldManager", "Too long: may not be more than 128 bytes");
        }

        if (manager.Any(char.IsControl))
        {
            throw PatchOptionsInvalid("FieldValueInvalid", "fieldManager",
                $"Invalid value: {GoText.Quote(manager)}: must only contain printable characters");
        }

        return manager;
    }

    private static bool Force(HttpContext context)
    {
        string? force = context.Request.Query["force"];
        return force switch
        {
            null or "" or "false" or "0" => false,
            "true" or "1" => true,
            _ => throw ApiErrors.BadRequest($"force: invalid value \"{force}\": expected true or false"),
        };
    }

    // ValidatePatchOptions: force is only for apply.
    private static void RefuseForce(HttpContext context)
    {
        if (context.Request.Query.ContainsKey("force"))
        {
            throw PatchOptionsInvalid("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch");
        }
    }

    private static ApiException PatchOptionsInvalid(string reason, string field, string message) =>
        ApiErrors.Invalid("PatchOptions", "meta.k8s.io", string.Empty, [(reason, field, message)]);
}
