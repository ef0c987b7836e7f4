using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Labs.Cluster.Storage;

/// <summary>
/// The store's journal in one SQLite file in WAL mode: table <c>objects</c> holds every object as its JSON text,
/// <c>changes</c> the replayable changes, <c>meta</c> the resourceVersion. An append is one transaction: with
/// <c>synchronous=FULL</c> it returns once the WAL is fsynced, so a crash (of the process or the machine) keeps it
/// whole or, when it did not return, may drop it whole. Every row carries a CRC-32 so that a damaged file is found
/// at start-up, never read as something else. The connection holds the file exclusively: one process at a time.
/// </summary>
internal sealed partial class SqliteJournal : IStoreJournal
{
    /// <summary><c>PRAGMA application_id</c> of a Labs cluster store ("Labs" in ASCII), to tell it from other SQLite files.</summary>
    public const int ApplicationId = 0x4C616273;

    /// <summary><c>PRAGMA user_version</c>: the layout of the tables. A file with a higher one was written by a newer Labs.</summary>
    public const int FormatVersion = 1;

    private const string Schema = """
        CREATE TABLE objects (
            grp TEXT NOT NULL, resource TEXT NOT NULL, ns TEXT NOT NULL, name TEXT NOT NULL,
            json BLOB NOT NULL, crc INTEGER NOT NULL,
            PRIMARY KEY (grp, resource, ns, name));
        CREATE TABLE changes (
            rv INTEGER PRIMARY KEY, type TEXT NOT NULL, grp TEXT NOT NULL, resource TEXT NOT NULL, ns TEXT NOT NULL, name TEXT NOT NULL,
            json BLOB NOT NULL, crc INTEGER NOT NULL, at INTEGER NOT NULL);
        CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _change;
    private readonly SqliteCommand _version;
    private readonly SqliteCommand _forget;

    private SqliteJournal(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _upsert = Command("""
            INSERT INTO objects (grp, resource, ns, name, json, crc) VALUES ($grp, $resource, $ns, $name, $json, $crc)
            ON CONFLICT (grp, resource, ns, name) DO UPDATE SET json = excluded.json, crc = excluded.crc
            """, "$grp", "$resource", "$ns", "$name", "$json", "$crc");
        _delete = Command("DELETE FROM objects WHERE grp = $grp AND resource = $resource AND ns = $ns AND name = $name",
            "$grp", "$resource", "$ns", "$name");
        _change = Command("INSERT INTO changes (rv, type, grp, resource, ns, name, json, crc, at) VALUES ($rv, $type, $grp, $resource, $ns, $name, $json, $crc, $at)",
            "$rv", "$type", "$grp", "$resource", "$ns", "$name", "$json", "$crc", "$at");
        _version = Command("INSERT OR REPLACE INTO meta (name, value) VALUES ('resourceVersion', $rv)", "$rv");
        _forget = Command("DELETE FROM changes WHERE rv <= $rv", "$rv");
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (or creates) the store file at <paramref name="path"/> and reads everything it holds.
    /// </summary>
    /// <exception cref="ClusterSetupException">The file is damaged, not a store, from a newer Labs, in use or not writable; the message says which and what to do.</exception>
    public static (SqliteJournal Journal, StoreSnapshot Snapshot) Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // Dispose must close the file (and give up its lock), not park it in a pool.
            DefaultTimeout = 2,
        }.ToString());
        SqliteJournal? journal = null;
        try
        {
            connection.Open();

            // Exclusive before WAL: no shared-memory index, and no other process can read or write behind our back.
            // Nothing is written to a file before it is known to be ours and has been read back whole: a damaged one
            // (or someone else's) stays as it was found.
            Pragma(connection, "locking_mode = EXCLUSIVE");
            var fresh = IsFresh(connection, path);
            if (fresh)
            {
                // Objects are a few KB of JSON: 16 KiB pages hold several each, where 4 KiB pages would hold one
                // and leave the rest empty (a larger file to read at start-up). Only a new file can take it.
                Pragma(connection, "page_size = 16384");
            }

            var mode = Pragma(connection, "journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw StoreFileErrors.CannotOpen(path, $"SQLite refused WAL mode (journal mode is {mode})");
            }

            Pragma(connection, "synchronous = FULL");
            if (fresh)
            {
                Execute(connection, $"{Schema} PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {FormatVersion};");
            }

            journal = new SqliteJournal(path, connection);
            var snapshot = fresh ? StoreSnapshot.Empty : journal.Load();

            // A real write takes the file's exclusive lock now (a second platform fails here, not at its first write)
            // and proves that the file can be written before anyone relies on it.
            Execute(connection, "INSERT OR REPLACE INTO meta (name, value) VALUES ('openedAt', unixepoch())");

            // What a crashed run left in the WAL moves into the main file, where damage is found at the next start.
            Pragma(connection, "wal_checkpoint(TRUNCATE)");
            return (journal, snapshot);
        }
        catch (SqliteException e)
        {
            journal?.Dispose();
            connection.Dispose();
            throw StoreFileErrors.From(path, e);
        }
        catch
        {
            journal?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Append(IReadOnlyList<JournalEntry> entries, long forgetThrough)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in (SqliteCommand[])[_upsert, _delete, _change, _version, _forget])
        {
            command.Transaction = transaction;
        }

        foreach (var entry in entries)
        {
            var change = entry.Change;
            var crc = StoreChecksums.OfObject(change.Resource, entry.Namespace, entry.Name, entry.Json);
            var target = change.Type == "DELETED" ? _delete : _upsert;
            Set(target, change.Resource.Group, change.Resource.Resource, entry.Namespace, entry.Name);
            if (target == _upsert)
            {
                _upsert.Parameters[4].Value = entry.Json;
                _upsert.Parameters[5].Value = (long)crc;
            }

            target.ExecuteNonQuery();
            Set(_change, change.ResourceVersion, change.Type, change.Resource.Group, change.Resource.Resource, entry.Namespace, entry.Name, entry.Json,
                (long)StoreChecksums.OfChange(change.ResourceVersion, change.Type, change.Resource, entry.Namespace, entry.Name, entry.Json),
                entry.At.ToUnixTimeMilliseconds());
            _change.ExecuteNonQuery();
        }

        Set(_version, entries[^1].Change.ResourceVersion);
        _version.ExecuteNonQuery();
        Set(_forget, forgetThrough);
        _forget.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Closes the file; SQLite checkpoints the WAL into it first.</summary>
    public void Dispose()
    {
        foreach (var command in (SqliteCommand[])[_upsert, _delete, _change, _version, _forget])
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>Whether the file is new (nothing in it yet); throws when it is not a Labs store this version can read.</summary>
    private static bool IsFresh(SqliteConnection connection, string path)
    {
        var applicationId = long.Parse(Pragma(connection, "application_id"), CultureInfo.InvariantCulture);
        var version = long.Parse(Pragma(connection, "user_version"), CultureInfo.InvariantCulture);
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_schema";
        var fresh = applicationId == 0 && version == 0 && (long)tables.ExecuteScalar()! == 0;
        if (!fresh && applicationId != ApplicationId)
        {
            throw StoreFileErrors.NotAStore(path, applicationId);
        }

        if (version > FormatVersion)
        {
            throw StoreFileErrors.TooNew(path, version);
        }

        return fresh;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static string Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
