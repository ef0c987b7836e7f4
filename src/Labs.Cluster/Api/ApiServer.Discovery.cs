using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Legacy discovery documents: <c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, <c>/apis/{g}</c>, <c>/apis/{g}/{v}</c>.</summary>
internal sealed partial class ApiServer
{
    /// <summary>Resource lists of groups served by hooks (e.g. access reviews), keyed by group/version.</summary>
    public IReadOnlyDictionary<string, JsonArray> ExtraDiscovery { get; init; } = new Dictionary<string, JsonArray>();

    private JsonObject? TryDiscovery(HttpContext context, string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
                {
                    ["clientCIDR"] = "0.0.0.0/0",
                    ["serverAddress"] = $"{context.Request.Host.Host}:{context.Connection.LocalPort}",
                }),
            },
            ["api", "v1"] => ResourceList(string.Empty, "v1"),
            ["apis"] => new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray(Groups().Select(g => (JsonNode)Group(g)).ToArray()),
            },
            ["apis", var group] when Groups().Contains(group) => Group(group).Also(g => g["kind"] = "APIGroup", g => g["apiVersion"] = "v1"),
            ["apis", var group, var version] when Versions(group).Contains(version) => ResourceList(group, version),
            _ => null,
        };
    }

    private IEnumerable<string> Groups() =>
        _store.Registry.GroupVersions.Select(gv => gv.Group)
            .Concat(ExtraDiscovery.Keys.Select(k => k.Split('/')[0]))
            .Where(g => g.Length > 0)
            .Distinct();

    /// <summary>The served versions of a group, preferred first.</summary>
    private List<string> Versions(string group) =>
        _store.Registry.GroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version)
            .Concat(ExtraDiscovery.Keys.Where(k => k.Split('/')[0] == group).Select(k => k.Split('/')[1]))
            .Distinct().ToList();

    private JsonObject Group(string group)
    {
        var versions = Versions(group).Select(v => new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToList();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    private JsonObject? ResourceList(string group, string version)
    {
        var groupVersion = group.Length == 0 ? version : $"{group}/{version}";
        var resources = new JsonArray();
        foreach (var definition in _store.Registry.All.Select(s => s.Definition).Where(d => d.Group == group && d.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = definition.Plural,
                ["singularName"] = definition.Singular,
                ["namespaced"] = definition.Namespaced,
                ["kind"] = definition.Kind,
                ["verbs"] = Strings(definition.Verbs),
                ["shortNames"] = definition.ShortNames.Count > 0 ? Strings(definition.ShortNames) : null,
                ["categories"] = definition.Categories.Count > 0 ? Strings(definition.Categories) : null,
            });
            foreach (var sub in definition.Subresources)
            {
                resources.Add(Subresource(definition, sub));
            }
        }

        if (ExtraDiscovery.TryGetValue(groupVersion, out var extra))
        {
            foreach (var item in extra)
            {
                resources.Add(item?.DeepClone());
            }
        }

        if (resources.Count == 0)
        {
            return null;
        }

        foreach (var resource in resources.OfType<JsonObject>())
        {
            foreach (var key in resource.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                resource.Remove(key);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(ResourceDefinition definition, string sub)
    {
        var (group, version, kind, verbs) = sub switch
        {
            "scale" => ("autoscaling", "v1", "Scale", new[] { "get", "patch", "update" }),
            "exec" => ((string?)null, (string?)null, "PodExecOptions", new[] { "create", "get" }),
            "attach" => (null, null, "PodAttachOptions", new[] { "create", "get" }),
            "portforward" => (null, null, "PodPortForwardOptions", new[] { "create", "get" }),
            "proxy" => (null, null, definition.Kind + "ProxyOptions", new[] { "create", "delete", "get", "patch", "update" }),
            "log" => (null, null, definition.Kind, new[] { "get" }),
            "token" => ("authentication.k8s.io", "v1", "TokenRequest", new[] { "create" }),
            "eviction" => ("policy", "v1", "Eviction", new[] { "create" }),
            "finalize" => (null, null, definition.Kind, new[] { "update" }),
            _ => (null, null, definition.Kind, new[] { "get", "patch", "update" }),
        };
        var entry = new JsonObject
        {
            ["name"] = $"{definition.Plural}/{sub}",
            ["singularName"] = "",
            ["namespaced"] = definition.Namespaced,
        };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }

        entry["kind"] = kind;
        entry["verbs"] = Strings(verbs);
        return entry;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
