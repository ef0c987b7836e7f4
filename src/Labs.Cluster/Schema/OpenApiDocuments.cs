using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Schema;

/// <summary>
/// The OpenAPI v3 documents kubectl reads for <c>create -f</c>, <c>apply -f</c> and <c>explain</c>: the root
/// (<c>GET /openapi/v3</c>) and one document per group-version (<c>GET /openapi/v3/apis/apps/v1</c>), built once from
/// the resource list and the type model. Every PATCH operation carries the GVK and a <c>fieldValidation</c> parameter,
/// so kubectl leaves field validation to the server.
/// </summary>
public sealed partial class OpenApiDocuments
{
    private readonly Dictionary<string, (JsonObject Document, string Json, string Hash)> _documents = new(StringComparer.Ordinal);
    private readonly JsonObject _root;
    private readonly string _rootJson;
    private readonly Func<ResourceDefinition, JsonObject?>? _customSchemas;

    /// <summary>Builds the documents.</summary>
    /// <param name="resources">Served resources (the core passes <c>ResourceCatalog.All</c>).</param>
    /// <param name="model">The type model; <see cref="TypeModel.Default"/> when null.</param>
    /// <param name="customSchemas">
    /// The schema of a kind the type model does not know (a custom resource's <c>openAPIV3Schema</c>), or null to publish
    /// it as an open object.
    /// </param>
    public OpenApiDocuments(IEnumerable<ResourceDefinition> resources, TypeModel? model = null, Func<ResourceDefinition, JsonObject?>? customSchemas = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _customSchemas = customSchemas;
        var schemas = new OpenApiSchemas(model ?? TypeModel.Default);
        TypeModel typeModel = model ?? TypeModel.Default;
        var rootPaths = new JsonObject();
        foreach (var group in resources.GroupBy(r => r.ApiVersion).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string path = group.First().Group.Length == 0 ? "api/" + group.Key : "apis/" + group.Key;
            JsonObject document = BuildDocument(group.ToList(), schemas, typeModel, _customSchemas);
            string json = document.ToJsonString();
            string hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)));
            _documents[path] = (document, json, hash);
            rootPaths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={hash}" };
        }

        _root = new JsonObject { ["paths"] = rootPaths };
        _rootJson = _root.ToJsonString();
    }

    /// <summary>The group-version paths served, e.g. <c>api/v1</c>, <c>apis/apps/v1</c>.</summary>
    public IEnumerable<string> Paths => _documents.Keys;

    /// <summary>The root document for <c>GET /openapi/v3</c>. Shared: do not modify.</summary>
    public JsonObject Root() => _root;

    /// <summary>The root document serialized.</summary>
    public string RootJson() => _rootJson;

    /// <summary>The document for a group-version path such as <c>api/v1</c> or <c>apis/apps/v1</c>, or null. Shared: do not modify.</summary>
    public JsonObject? Document(string groupVersionPath) =>
        _documents.TryGetValue(Normalize(groupVersionPath), out var entry) ? entry.Document : null;

    /// <summary>The document serialized, or null.</summary>
    public string? DocumentJson(string groupVersionPath) =>
        _documents.TryGetValue(Normalize(groupVersionPath), out var entry) ? entry.Json : null;

    /// <summary>The stable hash of a document (as in the root's <c>serverRelativeURL</c>), or null.</summary>
    public string? Hash(string groupVersionPath) =>
        _documents.TryGetValue(Normalize(groupVersionPath), out var entry) ? entry.Hash : null;

    private static string Normalize(string path) => path.Trim('/');

    private static JsonObject BuildDocument(List<ResourceDefinition> resources, OpenApiSchemas schemas, TypeModel model,
        Func<ResourceDefinition, JsonObject?>? customSchemas)
    {
        var components = new JsonObject();
        foreach (string special in new[] { OpenApiSchemas.PatchName, OpenApiSchemas.StatusName, OpenApiSchemas.DeleteOptionsName })
        {
            schemas.AddWithDependencies(special, components);
        }

        var paths = new JsonObject();
        foreach (ResourceDefinition resource in resources.OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            string schemaName = SchemaNameFor(resource, model);
            if (model.FindKind(resource.ApiVersion, resource.Kind) is null)
            {
                components[schemaName] = customSchemas?.Invoke(resource) is { } custom
                    ? OpenApiSchemas.CustomKind(resource.Group, resource.Version, resource.Kind, custom)
                    : OpenApiSchemas.OpenKind(resource.Group, resource.Version, resource.Kind);
                schemas.AddWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", components);
            }
            else
            {
                schemas.AddWithDependencies(schemaName, components);
            }

            string listName = schemaName + "List";
            components[listName] = ListSchema(resource, schemaName);
            schemas.AddWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", components);
            AddPaths(paths, resource, schemaName, listName);
            if (resource.Subresources.Contains("scale"))
            {
                schemas.AddWithDependencies("io.k8s.api.autoscaling.v1.Scale", components);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = SortedCopy(components) },
        };
    }

    private static JsonObject SortedCopy(JsonObject source)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in source.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            source.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }

    private static string SchemaNameFor(ResourceDefinition resource, TypeModel model)
    {
        TypeDefinition? type = model.FindKind(resource.ApiVersion, resource.Kind);
        if (type is not null)
        {
            return type.Name;
        }

        if (resource.Group.Length == 0 || resource.Group.EndsWith(".k8s.io", StringComparison.Ordinal) || !resource.Group.Contains('.', StringComparison.Ordinal))
        {
            string group = resource.Group.Length == 0 ? "core" : resource.Group.Replace(".k8s.io", "", StringComparison.Ordinal);
            return $"io.k8s.api.{group}.{resource.Version}.{resource.Kind}";
        }

        // Custom resources are named by the reversed group, as the API server names CRD schemas.
        return $"{string.Join('.', resource.Group.Split('.').Reverse())}.{resource.Version}.{resource.Kind}";
    }

    private static JsonObject ListSchema(ResourceDefinition resource, string itemSchema) => new()
    {
        ["description"] = $"{resource.Kind}List is a list of {resource.Kind} objects.",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = OpenApiSchemas.Ref(itemSchema) } },
            ["metadata"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = OpenApiSchemas.Ref("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta") }) },
        },
        ["x-kubernetes-group-version-kind"] = new JsonArray(OpenApiSchemas.Gvk(resource.Group, resource.Version, resource.Kind + "List")),
    };
}
