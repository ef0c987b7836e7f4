using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// The managers of one object, read from and written to <c>metadata.managedFields</c> as the apiserver encodes them:
/// Apply entries first, then by time, manager, version and subresource; <c>fieldsType: FieldsV1</c>.
/// </summary>
internal sealed class ManagedFields
{
    private readonly Dictionary<string, ManagedFieldsEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The entries by manager identifier.</summary>
    public IReadOnlyDictionary<string, ManagedFieldsEntry> Entries => _entries;

    /// <summary>Adds or replaces the entry of its manager; an entry that owns nothing is dropped.</summary>
    public void Set(ManagedFieldsEntry entry)
    {
        if (entry.Fields.IsEmpty)
        {
            _entries.Remove(entry.Id);
        }
        else
        {
            _entries[entry.Id] = entry;
        }
    }

    /// <summary>The entry of a manager, or null.</summary>
    public ManagedFieldsEntry? Get(string id) => _entries.GetValueOrDefault(id);

    /// <summary>
    /// Reads <c>metadata.managedFields</c>; throws <see cref="FormatException"/> naming what is malformed. Absent or
    /// empty is no managers.
    /// </summary>
    public static ManagedFields Read(JsonObject obj)
    {
        var managed = new ManagedFields();
        if (obj["metadata"]?["managedFields"] is not { } node)
        {
            return managed;
        }

        if (node is not JsonArray entries)
        {
            throw new FormatException("metadata.managedFields: expected a list");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"metadata.managedFields[{i}]";
            if (entries[i] is not JsonObject e)
            {
                throw new FormatException($"{where}: expected an object");
            }

            var operation = Text(e, "operation");
            if (operation is not (ManagedFieldsEntry.Apply or ManagedFieldsEntry.Update))
            {
                throw new FormatException($"{where}.operation: must be `Apply` or `Update`");
            }

            if (Text(e, "fieldsType") != "FieldsV1")
            {
                throw new FormatException($"{where}.fieldsType: must be `FieldsV1`");
            }

            FieldSet fields;
            try
            {
                fields = e["fieldsV1"] is null ? new FieldSet() : FieldSet.FromFieldsV1(e["fieldsV1"]);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{where}.fieldsV1{ex.Message}", ex);
            }

            var entry = new ManagedFieldsEntry(Text(e, "manager"), operation, Text(e, "apiVersion"),
                e["time"] is JsonValue t && t.TryGetValue<string>(out var time) ? time : null, Text(e, "subresource"), fields);
            managed._entries[entry.Id] = entry;
        }

        return managed;
    }

    /// <summary>
    /// Whether a write asks to clear the managers: <c>managedFields: []</c> or a list of one empty entry, as the
    /// apiserver documents.
    /// </summary>
    public static bool IsReset(JsonObject obj) =>
        obj["metadata"]?["managedFields"] is JsonArray list && (list.Count == 0 || (list.Count == 1 && list[0] is JsonObject { Count: 0 }));

    /// <summary>Writes the managers into <c>metadata.managedFields</c> (removed when there are none).</summary>
    public void WriteTo(JsonObject obj)
    {
        var metadata = obj.Meta();
        if (_entries.Count == 0)
        {
            metadata.Remove("managedFields");
            return;
        }

        var sorted = _entries.Values
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at.ToUnixTimeSeconds() : 0)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal);
        var list = new JsonArray();
        foreach (var e in sorted)
        {
            var json = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
            };
            if (e.Time is not null)
            {
                json["time"] = e.Time;
            }

            json["fieldsType"] = "FieldsV1";
            json["fieldsV1"] = e.Fields.ToFieldsV1();
            if (e.Subresource.Length > 0)
            {
                json["subresource"] = e.Subresource;
            }

            list.Add(json);
        }

        metadata["managedFields"] = list;
    }

    private static string Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
