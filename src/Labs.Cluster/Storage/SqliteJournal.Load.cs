using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>
/// Reading the whole file back at start-up, checking every row: damage is reported, never skipped. Rows are read in
/// order, then checked and parsed on every core; a change whose object is still the current one shares it.
/// </summary>
internal sealed partial class SqliteJournal
{
    private static readonly string[] ChangeTypes = ["ADDED", "MODIFIED", "DELETED"];

    private StoreSnapshot Load()
    {
        CheckStructure();
        var resourceVersion = ReadResourceVersion();
        var (objects, versions) = ReadObjects(resourceVersion);
        var history = ReadHistory(resourceVersion, objects, versions);
        return new StoreSnapshot(resourceVersion, objects, history);
    }

    /// <summary>SQLite's own check of every page and b-tree (not of what rows say: the checksums are for that).</summary>
    private void CheckStructure()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5)";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            problems.Add(reader.GetString(0));
        }

        if (problems is not ["ok"])
        {
            throw StoreFileErrors.Damaged(Path, "SQLite's integrity check reports " + string.Join("; ", problems));
        }
    }

    private long ReadResourceVersion()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = 'resourceVersion'";
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private ((GroupResource Resource, string Key, JsonObject Object)[] Objects, long[] Versions) ReadObjects(long resourceVersion)
    {
        var rows = new List<Row>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT grp, resource, ns, name, json, crc FROM objects";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new Row(0, "", new GroupResource(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                    (byte[])reader.GetValue(4), (uint)reader.GetInt64(5), 0));
            }
        }

        var objects = new (GroupResource, string, JsonObject)[rows.Count];
        var versions = new long[rows.Count];
        ForEachInParallel(rows.Count, i =>
        {
            var row = rows[i];
            var where = $"object {row.Resource} {(row.Namespace.Length == 0 ? row.Name : row.Namespace + "/" + row.Name)}";
            if (StoreChecksums.OfObject(row.Resource, row.Namespace, row.Name, row.Json) != row.Crc)
            {
                throw StoreFileErrors.Damaged(Path, $"{where} does not match its checksum");
            }

            var element = ParseRow(row.Json, where);
            var metadata = element.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            if (Text(metadata, "name") != row.Name || (Text(metadata, "namespace") ?? string.Empty) != row.Namespace)
            {
                throw StoreFileErrors.Damaged(Path, $"{where} holds the object of another name");
            }

            if (!long.TryParse(Text(metadata, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) || rv > resourceVersion)
            {
                throw StoreFileErrors.Damaged(Path,
                    $"{where} has resourceVersion {Text(metadata, "resourceVersion") ?? "(none)"}, the store only {resourceVersion.ToString(CultureInfo.InvariantCulture)}");
            }

            objects[i] = (row.Resource, InMemoryObjectStore.Key(row.Namespace.Length == 0 ? null : row.Namespace, row.Name), JsonObject.Create(element)!);
            versions[i] = rv;
        });
        return (objects, versions);
    }

    private List<(StoreEvent Change, DateTimeOffset At)> ReadHistory(
        long resourceVersion, (GroupResource Resource, string Key, JsonObject Object)[] objects, long[] versions)
    {
        var rows = new List<Row>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT rv, type, grp, resource, ns, name, json, crc, at FROM changes ORDER BY rv";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new Row(reader.GetInt64(0), reader.GetString(1), new GroupResource(reader.GetString(2), reader.GetString(3)),
                    reader.GetString(4), reader.GetString(5), (byte[])reader.GetValue(6), (uint)reader.GetInt64(7), reader.GetInt64(8));
                if (rows.Count > 0 && row.ResourceVersion != rows[^1].ResourceVersion + 1)
                {
                    throw StoreFileErrors.Damaged(Path,
                        $"the change history skips from {rows[^1].ResourceVersion.ToString(CultureInfo.InvariantCulture)} to {row.ResourceVersion.ToString(CultureInfo.InvariantCulture)}");
                }

                rows.Add(row);
            }
        }

        if (rows.Count > 0 && rows[^1].ResourceVersion != resourceVersion)
        {
            throw StoreFileErrors.Damaged(Path,
                $"the last change is {rows[^1].ResourceVersion.ToString(CultureInfo.InvariantCulture)} but the store's resourceVersion is {resourceVersion.ToString(CultureInfo.InvariantCulture)}");
        }

        // The latest change of an object that is still there holds that very object: share it rather than keep a second copy.
        // Only looked up from the threads below: a JsonObject is not safe to read from two threads before its tree is built.
        var current = new Dictionary<(GroupResource, string), (JsonObject Object, long Version)>(objects.Length);
        for (var i = 0; i < objects.Length; i++)
        {
            current[(objects[i].Resource, objects[i].Key)] = (objects[i].Object, versions[i]);
        }

        var history = new (StoreEvent, DateTimeOffset)[rows.Count];
        ForEachInParallel(rows.Count, i =>
        {
            var row = rows[i];
            var where = $"change {row.ResourceVersion.ToString(CultureInfo.InvariantCulture)}";
            if (StoreChecksums.OfChange(row.ResourceVersion, row.Type, row.Resource, row.Namespace, row.Name, row.Json) != row.Crc
                || !ChangeTypes.Contains(row.Type))
            {
                throw StoreFileErrors.Damaged(Path, $"{where} does not match its checksum");
            }

            var key = InMemoryObjectStore.Key(row.Namespace.Length == 0 ? null : row.Namespace, row.Name);
            var obj = row.Type != "DELETED" && current.TryGetValue((row.Resource, key), out var live) && live.Version == row.ResourceVersion
                ? live.Object
                : JsonObject.Create(ParseRow(row.Json, where))!;
            history[i] = (new StoreEvent(row.Type, row.Resource, obj, row.ResourceVersion), DateTimeOffset.FromUnixTimeMilliseconds(row.At));
        });
        return [.. history];
    }

    private JsonElement ParseRow(byte[] json, string where)
    {
        try
        {
            return StoredJson.Parse(json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw StoreFileErrors.Damaged(Path, $"{where} is not readable JSON ({e.Message})", e);
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 on every core; a failure is the one of the lowest index, as reading in order would meet it.</summary>
    private static void ForEachInParallel(int count, Action<int> body)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, Exception Failure)>();
        Parallel.For(0, count, i =>
        {
            try
            {
                body(i);
            }
#pragma warning disable CA1031 // Collected and the first one rethrown below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add((i, e));
            }
        });
        if (!failures.IsEmpty)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.MinBy(f => f.Index).Failure);
        }
    }

    private static string? Text(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A row as read, before it is checked (objects have no resourceVersion, type or time of their own).</summary>
    private readonly record struct Row(long ResourceVersion, string Type, GroupResource Resource, string Namespace, string Name, byte[] Json, uint Crc, long At);
}
