using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>Builds <c>meta.k8s.io/v1</c> Tables, the server-side printing kubectl <c>get</c> shows.</summary>
internal static class TableConverter
{
    /// <summary>Whether an Accept header asks for a Table.</summary>
    public static bool WantsTable(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>
    /// A Table of <paramref name="items"/>. <paramref name="includeObject"/> is None, Metadata (default) or Object;
    /// <paramref name="includeColumns"/> is false for watch events after the first, as the real server sends.
    /// </summary>
    public static JsonObject Convert(Registry.ResourceStrategy strategy, IEnumerable<JsonObject> items, string resourceVersion,
        string? includeObject, DateTimeOffset now, bool includeColumns = true)
    {
        var columns = strategy.Columns;
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(column.Cell(item, now));
            }

            var row = new JsonObject { ["cells"] = cells };
            var embedded = RowObject(item, includeObject);
            if (embedded is not null)
            {
                row["object"] = embedded;
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = includeColumns ? new JsonArray(columns.Select(c => (JsonNode)c.Definition()).ToArray()) : new JsonArray(),
            ["rows"] = rows,
        };
    }

    /// <summary>Checks the <c>includeObject</c> parameter.</summary>
    public static void Validate(string? includeObject)
    {
        if (includeObject is not (null or "" or "None" or "Metadata" or "Object"))
        {
            throw ApiErrors.BadRequest($"includeObject: Unsupported value: \"{includeObject}\": supported values: \"None\", \"Metadata\", \"Object\"");
        }
    }

    private static JsonObject? RowObject(JsonObject item, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => item.DeepClone().AsObject(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };
}
