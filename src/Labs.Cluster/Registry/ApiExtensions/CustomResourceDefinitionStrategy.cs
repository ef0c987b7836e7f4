using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// CustomResourceDefinitions (apiextensions.k8s.io/v1, pkg/registry/customresourcedefinition): names defaulted
/// (singular, listKind), validated as ValidateCustomResourceDefinition words it, established at once (the naming and
/// establishing controllers' conditions are written with the object), and a delete that removes every custom resource
/// of the definition first (the customresourcecleanup finalizer's work). <see cref="CustomResourceSync"/> turns the
/// stored definitions into served resources.
/// </summary>
internal static class CustomResourceDefinitionStrategy
{
    /// <summary>The storage key of CustomResourceDefinitions.</summary>
    public static readonly GroupResource Resource = new("apiextensions.k8s.io", "customresourcedefinitions");

    /// <summary>The registry entry of <c>customresourcedefinitions</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false,
        ["crd", "crds"], ["api-extensions"], ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        PrepareForCreate = Prepare,
        PrepareForUpdate = Prepare,
        Validate = CustomResourceDefinitionValidation.Validate,
        ValidateUpdate = CustomResourceDefinitionValidation.ValidateUpdate,
        Delete = DeleteWithResources,
    };

    // SetDefaults_CustomResourceDefinition*, then the status the naming and establishing controllers would write.
    private static void Prepare(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        crd["spec"] = spec;
        var names = spec["names"] as JsonObject ?? [];
        spec["names"] = names;
        var kind = (string?)names["kind"] ?? string.Empty;
        if (kind.Length > 0)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }

        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var column in (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>())
            {
                column["priority"] ??= 0;
            }
        }

        var storage = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(v => (bool?)v["storage"] == true);
        var stored = crd["status"]?["storedVersions"] as JsonArray ?? [];
        if (storage?["name"] is JsonValue storageName && !stored.Any(s => (string?)s == (string?)storageName))
        {
            stored.Add(storageName.DeepClone());
        }

        crd["status"] = Established(names, stored.DeepClone().AsArray());
    }

    private static JsonObject Established(JsonObject names, JsonArray storedVersions)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };

        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = names.DeepClone(),
            ["storedVersions"] = storedVersions,
        };
    }

    /// <summary>Deletes every object of the definition's resource, in every namespace, then the definition.</summary>
    private static JsonObject DeleteWithResources(RegistryStore store, string? ns, string name, string propagation)
    {
        var crd = store.Get(Resource, null, name) ?? throw ApiErrors.NotFound(Resource, name);
        var served = new GroupResource((string?)crd["spec"]?["group"] ?? string.Empty, (string?)crd["spec"]?["names"]?["plural"] ?? string.Empty);
        foreach (var item in store.List(served, null).Items)
        {
            var itemNamespace = item.MetaString("namespace") is { Length: > 0 } n ? n : null;
            store.Delete(served, itemNamespace, item.MetaString("name"));
        }

        return store.Delete(Resource, null, name) ?? throw ApiErrors.NotFound(Resource, name);
    }
}
