using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>POST and PUT: decode, validate, default, then store (or, with <c>dryRun=All</c>, only answer).</summary>
internal sealed partial class ApiServer
{
    private static bool IsDryRun(HttpContext context)
    {
        var values = context.Request.Query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
            }
        }

        return values.Count > 0;
    }

    private async Task CreateAsync(HttpContext context, Target target)
    {
        var obj = await ReadObjectAsync(context, target.Definition);
        var created = CreateObject(context, target, obj, WriteOrigin.Body);
        await WriteObjectAsync(context, target.Definition, created, 201);
    }

    /// <summary>The create path shared by POST and server-side apply of an absent object.</summary>
    private JsonObject CreateObject(HttpContext context, Target target, JsonObject obj, WriteOrigin origin)
    {
        var dryRun = IsDryRun(context);
        ValidateObject(context, target, obj, origin, urlName: null);
        if (target.Definition.Subresources.Contains("status"))
        {
            // Status belongs to controllers: a client cannot create an object with one, as on a real cluster.
            obj.Remove("status");
        }

        PrepareForCreate(target.Definition, obj);
        _hooks.ApplyDefaults?.Invoke(obj);
        _hooks.CheckWriter?.Invoke(context, target.Resource, target.Namespace, obj);
        if (!dryRun)
        {
            return _store.Create(target.Resource, target.Namespace, obj);
        }

        var name = obj.MetaString("name");
        if (name.Length > 0 && _store.Get(target.Resource, target.Namespace, name) is not null)
        {
            throw ApiErrors.AlreadyExists(target.Resource, name);
        }

        if (target.Namespace is { } ns && _store.Get(new(string.Empty, "namespaces"), null, ns) is null)
        {
            throw ApiErrors.NotFound(new(string.Empty, "namespaces"), ns);
        }

        var metadata = obj.Meta();
        if (name.Length == 0)
        {
            metadata["name"] = obj.MetaString("generateName") + Guid.NewGuid().ToString("N")[..5];
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (target.Namespace is not null)
        {
            metadata["namespace"] = target.Namespace;
        }

        _hooks.AdmitDryRun?.Invoke(target.Resource, target.Namespace, obj, null);
        return obj;
    }

    private static void PrepareForCreate(ResourceDefinition definition, JsonObject obj)
    {
        switch (definition.Kind)
        {
            case "Namespace":
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                var labels = obj.Meta()["labels"] as JsonObject ?? [];
                obj.Meta()["labels"] = labels;
                labels["kubernetes.io/metadata.name"] = obj.MetaString("name");
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "Pod":
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
            case "Service":
                var spec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = spec;
                if ((string?)spec["type"] != "ExternalName" && spec["clusterIP"] is null)
                {
                    // The service CIDR allocator of a real cluster; 10.96.0.0/12 is kubeadm's default range.
                    var ip = $"10.96.{RandomNumberGenerator.GetInt32(1, 255)}.{RandomNumberGenerator.GetInt32(1, 255)}";
                    spec["clusterIP"] = ip;
                    spec["clusterIPs"] = new JsonArray(ip);
                }

                break;
        }
    }

    private async Task UpdateAsync(HttpContext context, Target target)
    {
        var obj = await ReadObjectAsync(context, target.Definition);
        var existing = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
        var updated = UpdateObject(context, target, existing, obj, WriteOrigin.Body);
        await WriteObjectAsync(context, target.Definition, updated, 200);
    }

    /// <summary>The update path shared by PUT and PATCH: the object replaces <paramref name="existing"/> except its status.</summary>
    private JsonObject UpdateObject(HttpContext context, Target target, JsonObject existing, JsonObject obj, WriteOrigin origin)
    {
        var dryRun = IsDryRun(context);
        ValidateObject(context, target, obj, origin, target.Name);
        if (target.Definition.Subresources.Contains("status"))
        {
            // The main resource cannot change status; that is what the status subresource is for.
            obj.Remove("status");
            if (existing["status"] is { } status)
            {
                obj["status"] = status.DeepClone();
            }
        }

        _hooks.ApplyDefaults?.Invoke(obj);
        _hooks.CheckWriter?.Invoke(context, target.Resource, target.Namespace, obj);
        if (dryRun)
        {
            var expected = obj.MetaString("resourceVersion");
            if (expected.Length > 0 && expected != existing.MetaString("resourceVersion"))
            {
                throw ApiErrors.Conflict(target.Resource, target.Name);
            }

            foreach (var kept in (string[])["uid", "creationTimestamp", "resourceVersion", "generation"])
            {
                obj.Meta()[kept] = existing["metadata"]?[kept]?.DeepClone();
            }

            _hooks.AdmitDryRun?.Invoke(target.Resource, target.Namespace, obj, existing);
            return obj;
        }

        return _store.Update(target.Resource, target.Namespace, obj);
    }

    private JsonObject UpdateStatusObject(HttpContext context, Target target, JsonObject obj, WriteOrigin origin)
    {
        ValidateObject(context, target, obj, origin, target.Name);
        if (IsDryRun(context))
        {
            return obj;
        }

        return _store.UpdateStatus(target.Resource, target.Namespace, obj);
    }
}
