using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Labs.Cluster.Storage;

/// <summary>Reading the whole file back at start-up, checking every row: damage is reported, never skipped.</summary>
internal sealed partial class SqliteJournal
{
    private static readonly string[] ChangeTypes = ["ADDED", "MODIFIED", "DELETED"];

    private StoreSnapshot Load()
    {
        CheckStructure();
        var resourceVersion = ReadResourceVersion();
        var objects = ReadObjects(resourceVersion);
        var history = ReadHistory(resourceVersion);
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

    private List<(GroupResource Resource, string Key, JsonObject Object)> ReadObjects(long resourceVersion)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT grp, resource, ns, name, json, crc FROM objects";
        using var reader = command.ExecuteReader();
        var objects = new List<(GroupResource, string, JsonObject)>();
        while (reader.Read())
        {
            var resource = new GroupResource(reader.GetString(0), reader.GetString(1));
            var ns = reader.GetString(2);
            var name = reader.GetString(3);
            var json = (byte[])reader.GetValue(4);
            var where = $"object {resource} {(ns.Length == 0 ? name : ns + "/" + name)}";
            if (StoreChecksums.OfObject(resource, ns, name, json) != (uint)reader.GetInt64(5))
            {
                throw StoreFileErrors.Damaged(Path, $"{where} does not match its checksum");
            }

            var obj = ParseRow(json, where);
            if ((string?)obj["metadata"]?["name"] != name || ((string?)obj["metadata"]?["namespace"] ?? string.Empty) != ns)
            {
                throw StoreFileErrors.Damaged(Path, $"{where} holds the object of another name");
            }

            if (RowVersion(obj) is not { } rv || rv > resourceVersion)
            {
                throw StoreFileErrors.Damaged(Path,
                    $"{where} has resourceVersion {(string?)obj["metadata"]?["resourceVersion"] ?? "(none)"}, the store only {resourceVersion.ToString(CultureInfo.InvariantCulture)}");
            }

            objects.Add((resource, InMemoryObjectStore.Key(ns.Length == 0 ? null : ns, name), obj));
        }

        return objects;
    }

    private List<(StoreEvent Change, DateTimeOffset At)> ReadHistory(long resourceVersion)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT rv, type, grp, resource, json, crc, at FROM changes ORDER BY rv";
        using var reader = command.ExecuteReader();
        var history = new List<(StoreEvent, DateTimeOffset)>();
        while (reader.Read())
        {
            var rv = reader.GetInt64(0);
            var type = reader.GetString(1);
            var resource = new GroupResource(reader.GetString(2), reader.GetString(3));
            var json = (byte[])reader.GetValue(4);
            var where = $"change {rv.ToString(CultureInfo.InvariantCulture)}";
            if (StoreChecksums.OfChange(rv, type, resource, json) != (uint)reader.GetInt64(5) || !ChangeTypes.Contains(type))
            {
                throw StoreFileErrors.Damaged(Path, $"{where} does not match its checksum");
            }

            if (history.Count > 0 && rv != history[^1].Item1.ResourceVersion + 1)
            {
                throw StoreFileErrors.Damaged(Path,
                    $"the change history skips from {history[^1].Item1.ResourceVersion.ToString(CultureInfo.InvariantCulture)} to {rv.ToString(CultureInfo.InvariantCulture)}");
            }

            history.Add((new StoreEvent(type, resource, ParseRow(json, where), rv), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        if (history.Count > 0 && history[^1].Item1.ResourceVersion != resourceVersion)
        {
            throw StoreFileErrors.Damaged(Path,
                $"the last change is {history[^1].Item1.ResourceVersion.ToString(CultureInfo.InvariantCulture)} but the store's resourceVersion is {resourceVersion.ToString(CultureInfo.InvariantCulture)}");
        }

        return history;
    }

    private JsonObject ParseRow(byte[] json, string where)
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

    private static long? RowVersion(JsonObject obj) =>
        long.TryParse((string?)obj["metadata"]?["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : null;
}
