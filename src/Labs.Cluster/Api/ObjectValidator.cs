using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// The checks of a write's object against what the request says it is (400 Bad Request): apiVersion and kind against
/// the resource, the namespace and name against the URL. What the object itself must be is the registry's business
/// (<see cref="Registry.ObjectValidation"/>).
/// </summary>
internal static class ObjectValidator
{
    /// <summary>Checks apiVersion and kind against the resource, filling them in when the object omits them.</summary>
    public static void CheckKind(ResourceDefinition definition, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = Text(obj["apiVersion"]);
        var kind = Text(obj["kind"]);
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != definition.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != definition.Kind)
        {
            throw ApiErrors.BadRequest($"{kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: the kind in the data ({kind}) does not match the expected kind ({definition.Kind})");
        }

        obj["apiVersion"] = definition.ApiVersion;
        obj["kind"] = definition.Kind;
    }

    /// <summary>
    /// Checks apiVersion and kind, then the namespace and name against the URL (<paramref name="urlName"/> is null for a
    /// create, whose URL has no name).
    /// </summary>
    public static void Validate(ResourceDefinition definition, JsonObject obj, string? urlNamespace, string? urlName)
    {
        CheckKind(definition, obj);
        var ns = obj.MetaString("namespace");
        if (definition.Namespaced && ns.Length > 0 && urlNamespace is not null && ns != urlNamespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var name = obj.MetaString("name");
        if (urlName is not null && name != urlName)
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
        }
    }

    // A non-string where a string belongs reads as absent here; the type check reports it precisely.
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
