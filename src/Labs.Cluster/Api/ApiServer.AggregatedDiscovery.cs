using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// Aggregated discovery (<c>apidiscovery.k8s.io/v2</c>): one request answers every group-version, so kubectl skips the
/// per-group requests. Served only when the Accept header asks for it, with the exact content type kubectl requires.
/// </summary>
internal sealed partial class ApiServer
{
    private const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private static bool WantsAggregated(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Replace(" ", "", StringComparison.Ordinal)
            .Contains("g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", StringComparison.Ordinal);

    private async Task WriteAggregatedDiscoveryAsync(HttpContext context, bool legacy)
    {
        var items = new JsonArray();
        if (legacy)
        {
            items.Add(GroupItem(string.Empty));
        }
        else
        {
            foreach (var group in Groups())
            {
                items.Add(GroupItem(group));
            }
        }

        var body = new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = AggregatedContentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private JsonObject GroupItem(string group)
    {
        var versions = new JsonArray();
        foreach (var version in group.Length == 0 ? ["v1"] : Versions(group))
        {
            versions.Add(new JsonObject { ["version"] = version, ["resources"] = VersionResources(group, version), ["freshness"] = "Current" });
        }

        return new JsonObject
        {
            ["metadata"] = group.Length == 0 ? new JsonObject() : new JsonObject { ["name"] = group },
            ["versions"] = versions,
        };
    }

    private JsonArray VersionResources(string group, string version)
    {
        var list = ResourceList(group, version);
        var resources = new JsonArray();
        var entries = list?["resources"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        foreach (var entry in entries.Where(e => !((string?)e["name"] ?? "").Contains('/', StringComparison.Ordinal)))
        {
            var name = (string)entry["name"]!;
            var resource = new JsonObject
            {
                ["resource"] = name,
                ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = entry["kind"]?.DeepClone() },
                ["scope"] = entry["namespaced"]?.ToJsonString() == "true" ? "Namespaced" : "Cluster",
                ["singularResource"] = entry["singularName"]?.DeepClone(),
                ["verbs"] = entry["verbs"]?.DeepClone(),
            };
            if (entry["shortNames"] is { } shortNames)
            {
                resource["shortNames"] = shortNames.DeepClone();
            }

            if (entry["categories"] is { } categories)
            {
                resource["categories"] = categories.DeepClone();
            }

            var subresources = new JsonArray();
            foreach (var sub in entries.Where(e => ((string?)e["name"] ?? "").StartsWith(name + "/", StringComparison.Ordinal)))
            {
                subresources.Add(new JsonObject
                {
                    ["subresource"] = ((string)sub["name"]!)[(name.Length + 1)..],
                    ["responseKind"] = new JsonObject
                    {
                        ["group"] = sub["group"]?.DeepClone() ?? group,
                        ["version"] = sub["version"]?.DeepClone() ?? version,
                        ["kind"] = sub["kind"]?.DeepClone(),
                    },
                    ["verbs"] = sub["verbs"]?.DeepClone(),
                });
            }

            if (subresources.Count > 0)
            {
                resource["subresources"] = subresources;
            }

            resources.Add(resource);
        }

        return resources;
    }
}
