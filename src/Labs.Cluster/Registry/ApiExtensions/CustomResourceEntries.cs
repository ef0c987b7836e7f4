using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// The registry entries a CustomResourceDefinition brings: one per served version, with its schema (pruning, defaults,
/// validation), printer columns, selectable fields, and status and scale subresources, as apiextensions-apiserver
/// serves them. Versions other than the storage one convert by changing <c>apiVersion</c> only (strategy None).
/// </summary>
internal static class CustomResourceEntries
{
    /// <summary>The entries of an established CRD, preferred version first (Kubernetes' version priority).</summary>
    public static IEnumerable<ResourceStrategy> From(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd["spec"] as JsonObject ?? [];
        var group = (string?)spec["group"] ?? string.Empty;
        var names = spec["names"] as JsonObject ?? [];
        var versions = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var storage = versions.FirstOrDefault(v => (bool?)v["storage"] == true) ?? versions.FirstOrDefault();
        if (storage is null)
        {
            yield break;
        }

        var storageApiVersion = $"{group}/{(string?)storage["name"]}";
        foreach (var version in versions.Where(v => (bool?)v["served"] != false).OrderBy(v => (string?)v["name"], VersionPriority.Comparer))
        {
            yield return Entry(group, names, (string?)spec["scope"] == "Namespaced", version, storageApiVersion);
        }
    }

    private static ResourceStrategy Entry(string group, JsonObject names, bool namespaced, JsonObject version, string storageApiVersion)
    {
        var versionName = (string?)version["name"] ?? string.Empty;
        var kind = (string?)names["kind"] ?? string.Empty;
        var plural = (string?)names["plural"] ?? string.Empty;
        var subresources = version["subresources"] as JsonObject;
        var served = new List<string>();
        if (subresources?["status"] is JsonObject)
        {
            served.Add("status");
        }

        var scale = subresources?["scale"] is JsonObject scaleSpec ? ScalePaths.From(scaleSpec) : null;
        if (scale is not null)
        {
            served.Add("scale");
        }

        var definition = new ResourceDefinition(group, versionName, plural, (string?)names["singular"] ?? kind.ToLowerInvariant(), kind, namespaced,
            Strings(names["shortNames"]), Strings(names["categories"]), ResourceDefinition.AllVerbs, served);
        var schema = version["schema"]?["openAPIV3Schema"] is JsonObject openApi ? new StructuralSchema(openApi) : null;
        var apiVersion = $"{group}/{versionName}";
        var isStorage = apiVersion == storageApiVersion;
        return new ResourceStrategy(definition)
        {
            TracksGeneration = true,
            Schema = schema,
            Scale = scale,
            Columns = Columns(version["additionalPrinterColumns"] as JsonArray),
            Fields = Selectable(version["selectableFields"] as JsonArray),
            PrepareForCreate = schema is null ? null : obj => Normalize(schema, obj),
            PrepareForUpdate = schema is null ? null : obj => Normalize(schema, obj),
            Validate = schema is null ? null : (obj, errors) => StructuralSchemaValidator.Validate(obj, schema.Root, errors),
            ToStorage = isStorage ? null : obj => WithApiVersion(obj, storageApiVersion),
            FromStorage = isStorage ? null : obj => WithApiVersion(obj, apiVersion),
        };
    }

    // What the decoder does to every custom resource: unknown fields pruned, defaults filled.
    private static void Normalize(StructuralSchema schema, JsonObject obj)
    {
        schema.Prune(obj);
        schema.ApplyDefaults(obj);
    }

    private static JsonObject WithApiVersion(JsonObject obj, string apiVersion)
    {
        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = apiVersion;
        return copy;
    }

    // The Name column, then the CRD's columns, or Age when it declares none (serveDefaultColumnsIfEmpty).
    private static List<TableColumn> Columns(JsonArray? declared)
    {
        var columns = new List<TableColumn> { NameColumn };
        var given = (declared ?? []).OfType<JsonObject>().ToList();
        if (given.Count == 0)
        {
            columns.Add(new TableColumn("Age", "date", string.Empty, CreatedAtColumn.Description, 0, (o, now) => Age(o, now)));
            return columns;
        }

        foreach (var column in given)
        {
            var jsonPath = (string?)column["jsonPath"] ?? string.Empty;
            var path = SimpleJsonPath.TryParse(jsonPath, out _);
            var type = (string?)column["type"] ?? "string";
            var description = (string?)column["description"] is { Length: > 0 } d ? d : $"Custom resource definition column (in JSONPath format): {jsonPath}";
            var priority = (int?)column["priority"] ?? 0;
            columns.Add(new TableColumn((string?)column["name"] ?? string.Empty, type, (string?)column["format"] ?? string.Empty, description, priority,
                (o, now) => Cell(type, path?.First(o), now)));
        }

        return columns;
    }

    // cellForJSONValue: the cell as the column's type reads it, or null when the value is of another type.
    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            "integer" when kind == System.Text.Json.JsonValueKind.Number && double.TryParse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var n) =>
                (long)n,
            "number" when kind == System.Text.Json.JsonValueKind.Number => value.DeepClone(),
            "boolean" when kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => value.DeepClone(),
            "date" when kind == System.Text.Json.JsonValueKind.String => AgeOf(value.GetValue<string>(), now) is var age && age == "<unknown>" ? "<invalid>" : age,
            "string" => kind == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : GoText.Value(value),
            _ => null,
        };
    }

    private static SelectableFields Selectable(JsonArray? fields)
    {
        var labels = (fields ?? []).OfType<JsonObject>().Select(f => ((string?)f["jsonPath"] ?? string.Empty).TrimStart('.'))
            .Where(l => l.Length > 0).Select(FieldLabel.Plain).ToArray();
        return labels.Length == 0 ? SelectableFields.MetadataOnly : SelectableFields.WithMetadata(labels);
    }

    private static string[] Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToArray();
}
