using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>DELETE and deletecollection; the registry deletes (a namespace terminates, dependents are collected).</summary>
internal sealed partial class ApiServer
{
    private async Task DeleteAsync(HttpContext context, Target target)
    {
        var (policy, grace) = await ReadDeleteOptionsAsync(context);
        var deleted = _store.Delete(target.Resource, target.Namespace, target.Name, policy, IsDryRun(context), grace);

        // An object that waits for its finalizers is answered as it now is, whatever the kind answers for a deletion.
        var waiting = RegistryStore.IsBeingDeleted(deleted) && _store.Get(target.Resource, target.Namespace, target.Name) is not null;
        await WriteJsonAsync(context, 200, target.Strategy.ReturnsDeletedObject || waiting ? Out(target.Strategy, deleted) : DeletedStatus(target, deleted));
    }

    /// <summary>The Status of Success a DELETE answers for most kinds, naming what was deleted.</summary>
    private static JsonObject DeletedStatus(Target target, JsonObject deleted)
    {
        var details = ApiErrors.Details(target.Resource, target.Name);
        if (target.Resource.Group.Length == 0)
        {
            // Go's omitempty: the core group's empty name is not written.
            details.Remove("group");
        }

        details["uid"] = deleted.MetaString("uid");
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private async Task DeleteCollectionAsync(HttpContext context, Target target)
    {
        var (policy, grace) = await ReadDeleteOptionsAsync(context);
        var query = ListQuery.Parse(context.Request.Query, target.Strategy, watch: false);
        var dryRun = IsDryRun(context);
        var items = new JsonArray();
        foreach (var item in _store.List(target.Resource, target.Namespace).Items.Where(o => query.Labels.Matches(o) && query.Fields.Matches(o)))
        {
            var itemNamespace = item.MetaString("namespace") is { Length: > 0 } ns ? ns : null;
            items.Add(Out(target.Strategy, dryRun ? item : _store.Delete(target.Resource, itemNamespace, item.MetaString("name"), policy, dryRun: false, grace)));
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = target.Definition.Kind + "List",
            ["apiVersion"] = target.Definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    /// <summary>
    /// Reads the optional DeleteOptions (body or query): the propagation policy (Background, Foreground, Orphan, or null
    /// for the kind's default) and the grace period (null for the object's own).
    /// </summary>
    private static async Task<(string? Policy, long? GracePeriodSeconds)> ReadDeleteOptionsAsync(HttpContext context)
    {
        var policy = (string?)context.Request.Query["propagationPolicy"];
        long? grace = null;
        if ((string?)context.Request.Query["gracePeriodSeconds"] is { Length: > 0 } text)
        {
            grace = long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiErrors.BadRequest($"gracePeriodSeconds: invalid value \"{text}\": must be a whole number of seconds");
        }

        var bytes = await ReadBytesAsync(context);
        if (bytes.Length > 0 && MediaType(context) != "application/vnd.kubernetes.protobuf")
        {
            var options = ParseJson(bytes, string.Empty) as JsonObject ?? throw ApiErrors.BadRequest("json: DeleteOptions must be a JSON object");
            if (options["propagationPolicy"] is { } given && given.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                var actual = given.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    ? "bool" : given.GetValueKind().ToString().ToLowerInvariant();
                throw ApiErrors.BadRequest(
                    $"json: cannot unmarshal {actual} into Go struct field DeleteOptions.propagationPolicy of type v1.DeletionPropagation");
            }

            policy = Access.JsonFields.String(options, "propagationPolicy") ?? policy;
            if (options["gracePeriodSeconds"] is { } seconds && seconds.GetValueKind() != System.Text.Json.JsonValueKind.Null)
            {
                grace = Access.JsonFields.Int64(seconds)
                    ?? throw ApiErrors.BadRequest($"json: cannot unmarshal {seconds.GetValueKind().ToString().ToLowerInvariant()} into Go struct field DeleteOptions.gracePeriodSeconds of type int64");
            }

            if (options["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && o)
            {
                policy ??= "Orphan";
            }
        }

        return (policy switch
        {
            null or "" => null,
            "Background" or "Foreground" or "Orphan" => policy,
            _ => throw ApiErrors.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
        }, grace);
    }
}
