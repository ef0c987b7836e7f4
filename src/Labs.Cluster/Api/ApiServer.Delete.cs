using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>DELETE and deletecollection, namespace termination, and garbage collection by ownerReferences.</summary>
internal sealed partial class ApiServer
{
    private static readonly GroupResource NamespacesResource = new(string.Empty, "namespaces");

    /// <summary>
    /// Kinds whose DELETE answers the deleted object, as kube-apiserver's registries do (ReturnDeletedObject for pods,
    /// serviceaccounts and resourcequotas; namespaces and services by their own REST code). Every other kind answers
    /// a Status of Success, which is what KubernetesClient's typed delete calls expect for them.
    /// </summary>
    private static readonly HashSet<string> s_deleteAnswersObject = new(StringComparer.Ordinal) { "Namespace", "Pod", "Service", "ServiceAccount", "ResourceQuota" };

    private async Task DeleteAsync(HttpContext context, Target target)
    {
        var policy = await ReadPropagationPolicyAsync(context);
        var existing = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
        if (IsDryRun(context))
        {
            await WriteJsonAsync(context, 200, DeleteAnswer(target, existing));
            return;
        }

        var deleted = target.Definition.Kind == "Namespace" ? TerminateNamespace(target.Name) : DeleteWithDependents(target, existing, policy);
        await WriteJsonAsync(context, 200, DeleteAnswer(target, deleted));
    }

    private static JsonObject DeleteAnswer(Target target, JsonObject deleted)
    {
        if (s_deleteAnswersObject.Contains(target.Definition.Kind))
        {
            return deleted;
        }

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
        var policy = await ReadPropagationPolicyAsync(context);
        var query = ListQuery.Parse(context.Request.Query, target.Definition, watch: false);
        var dryRun = IsDryRun(context);
        var items = new JsonArray();
        foreach (var item in _store.List(target.Resource, target.Namespace).Items.Where(o => query.Labels.Matches(o) && query.Fields.Matches(o)))
        {
            var itemTarget = target with { Namespace = item.MetaString("namespace") is { Length: > 0 } ns ? ns : null, Name = item.MetaString("name") };
            items.Add(dryRun ? item : DeleteWithDependents(itemTarget, item, policy));
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = target.Definition.Kind + "List",
            ["apiVersion"] = target.Definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    /// <summary>Reads the optional DeleteOptions body: Background (default), Foreground or Orphan.</summary>
    private static async Task<string> ReadPropagationPolicyAsync(HttpContext context)
    {
        var policy = (string?)context.Request.Query["propagationPolicy"];
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
            if (options["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && o)
            {
                policy ??= "Orphan";
            }
        }

        return policy switch
        {
            null or "" => "Background",
            "Background" or "Foreground" or "Orphan" => policy,
            _ => throw ApiErrors.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
        };
    }

    /// <summary>Deletes an object, then its dependents (or, with Orphan, removes their ownerReferences to it).</summary>
    private JsonObject DeleteWithDependents(Target target, JsonObject existing, string policy)
    {
        var deleted = _store.Delete(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
        var uid = existing.MetaString("uid");
        if (target.Namespace is { } ns && uid.Length > 0)
        {
            CollectDependents(ns, uid, policy);
        }

        return deleted;
    }

    private void CollectDependents(string ns, string ownerUid, string policy)
    {
        foreach (var definition in ResourceCatalog.All.Where(d => d.Namespaced))
        {
            var gr = new GroupResource(definition.Group, definition.Plural);
            foreach (var item in _store.List(gr, ns).Items)
            {
                if (item["metadata"]?["ownerReferences"] is not JsonArray owners
                    || !owners.Any(o => (string?)o?["uid"] == ownerUid))
                {
                    continue;
                }

                if (policy == "Orphan")
                {
                    var remaining = owners.Where(o => (string?)o?["uid"] != ownerUid).Select(o => o?.DeepClone()).ToArray();
                    item.Meta()["ownerReferences"] = new JsonArray(remaining);
                    item.Meta().Remove("resourceVersion");
                    _store.Update(gr, ns, item);
                    continue;
                }

                var name = item.MetaString("name");
                if (_store.Delete(gr, ns, name) is not null)
                {
                    CollectDependents(ns, item.MetaString("uid"), policy);
                }
            }
        }
    }

    /// <summary>Marks a namespace Terminating, removes everything in it, then removes it; answers the Terminating object.</summary>
    private JsonObject TerminateNamespace(string name)
    {
        if (name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted",
                ApiErrors.Details(NamespacesResource, name));
        }

        var ns = _store.Get(NamespacesResource, null, name) ?? throw ApiErrors.NotFound(NamespacesResource, name);
        ns["status"] = new JsonObject { ["phase"] = "Terminating" };
        ns.Meta().Remove("resourceVersion");
        var terminating = _store.UpdateStatus(NamespacesResource, null, ns);
        foreach (var definition in ResourceCatalog.All.Where(d => d.Namespaced))
        {
            var gr = new GroupResource(definition.Group, definition.Plural);
            foreach (var item in _store.List(gr, name).Items)
            {
                _store.Delete(gr, name, item.MetaString("name"));
            }
        }

        _store.Delete(NamespacesResource, null, name);
        return terminating;
    }
}
