using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>Dry runs (<c>dryRun=All</c>): the answer a stored write would give, with the same refusals, and nothing stored.</summary>
internal sealed partial class RegistryStore
{
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    private JsonObject DryRunCreate(GroupResource resource, string? ns, JsonObject obj)
    {
        var name = obj.MetaString("name");
        if (name.Length > 0 && _inner.Get(resource, ns, name) is not null)
        {
            throw ApiErrors.AlreadyExists(resource, name);
        }

        if (ns is not null && _inner.Get(Namespaces, null, ns) is null)
        {
            throw ApiErrors.NotFound(Namespaces, ns);
        }

        var metadata = obj.Meta();
        if (name.Length == 0)
        {
            metadata["name"] = obj.MetaString("generateName") + Guid.NewGuid().ToString("N")[..5];
        }

        if (Registry.For(resource)?.TracksGeneration ?? true)
        {
            metadata["generation"] = 1;
        }

        metadata["creationTimestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        _admitDryRun?.Invoke(resource, ns, obj, null);
        return obj;
    }

    private JsonObject DryRunUpdate(GroupResource resource, string? ns, JsonObject obj, JsonObject existing)
    {
        var expected = obj.MetaString("resourceVersion");
        if (expected.Length > 0 && expected != existing.MetaString("resourceVersion"))
        {
            throw ApiErrors.Conflict(resource, obj.MetaString("name"));
        }

        foreach (var kept in (string[])["uid", "creationTimestamp", "resourceVersion", "generation"])
        {
            if (existing["metadata"]?[kept] is { } value)
            {
                obj.Meta()[kept] = value.DeepClone();
            }
            else
            {
                obj.Meta().Remove(kept);
            }
        }

        _admitDryRun?.Invoke(resource, ns, obj, existing);
        return obj;
    }
}
