using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Admission;

/// <summary>
/// Decodes every <c>resource.Quantity</c> field of an object as the API server's JSON decoder does: an invalid quantity
/// makes the whole object undecodable (400), a valid one is stored in its canonical text (<c>0.5</c> → <c>500m</c>,
/// <c>1024Mi</c> → <c>1Gi</c>, a number <c>2</c> → <c>"2"</c>). Which fields are quantities comes from the type model.
/// </summary>
internal static class QuantityFields
{
    /// <summary>Checks that every quantity of <paramref name="obj"/> parses; kinds the model does not know are left alone.</summary>
    /// <exception cref="ApiException">400 BadRequest with Kubernetes' decoding message for an invalid quantity.</exception>
    public static void Check(JsonObject obj) => Walk(obj, rewrite: false);

    /// <summary>
    /// Rewrites every quantity of <paramref name="obj"/> in its canonical text. Done last, so that validation messages
    /// show each value as it was decoded.
    /// </summary>
    /// <exception cref="ApiException">400 BadRequest with Kubernetes' decoding message for an invalid quantity.</exception>
    public static void Canonicalize(JsonObject obj) => Walk(obj, rewrite: true);

    private static void Walk(JsonObject obj, bool rewrite)
    {
        var apiVersion = (string?)obj["apiVersion"] ?? string.Empty;
        var kind = (string?)obj["kind"] ?? string.Empty;
        if (TypeModel.Default.FindKind(apiVersion, kind) is not { } type)
        {
            return;
        }

        try
        {
            Walk(type, obj, rewrite);
        }
        catch (FormatException e)
        {
            var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
            throw ApiErrors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {e.Message}");
        }
    }

    private static void Walk(TypeDefinition type, JsonObject obj, bool rewrite)
    {
        var fields = TypeModel.Default.JsonShape(type).Fields;
        foreach (var (name, value) in obj.ToList())
        {
            if (value is null || !fields.TryGetValue(name, out var field))
            {
                continue;
            }

            if (field.Kind == FieldKind.Quantity)
            {
                Canonicalize(obj, name, value, field, rewrite);
            }
            else if (field.Kind == FieldKind.Message && TypeModel.Default.Resolve(field) is { IsListWrapper: false } inner)
            {
                foreach (var nested in Values(value, field).OfType<JsonObject>())
                {
                    Walk(inner, nested, rewrite);
                }
            }
        }
    }

    /// <summary>The field's value, or each element or map value of it.</summary>
    private static IEnumerable<JsonNode?> Values(JsonNode value, FieldDefinition field) => value switch
    {
        JsonObject entries when field.IsMap => entries.Select(pair => pair.Value),
        JsonArray items when field.Repeated => items,
        _ when !field.IsMap && !field.Repeated => [value],
        _ => [],
    };

    private static void Canonicalize(JsonObject parent, string name, JsonNode value, FieldDefinition field, bool rewrite)
    {
        if (field.IsMap && value is JsonObject entries)
        {
            foreach (var (key, entry) in entries.ToList())
            {
                if (entry is not null && Canonical(entry) is var canonical && rewrite)
                {
                    entries[key] = canonical;
                }
            }
        }
        else if (field.Repeated && value is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item && Canonical(item) is var canonical && rewrite)
                {
                    items[i] = canonical;
                }
            }
        }
        else if (!field.IsMap && !field.Repeated && Canonical(value) is var canonical && rewrite)
        {
            parent[name] = canonical;
        }
    }

    private static JsonValue Canonical(JsonNode node) =>
        Quantity.TryParse(node, out var quantity, out var error)
            ? JsonValue.Create(quantity.ToString())
            : throw new FormatException(error);
}
