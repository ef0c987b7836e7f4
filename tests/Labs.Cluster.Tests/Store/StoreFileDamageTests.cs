using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.Data.Sqlite;

namespace Labs.Cluster.Tests.Store;

/// <summary>A store file that cannot be read whole stops the start with a message saying which file, what and what to do.</summary>
public sealed class StoreFileDamageTests : IDisposable
{
    private static readonly GroupResource Namespaces = new("", "namespaces");
    private static readonly GroupResource ConfigMaps = new("", "configmaps");

    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_as_damaged_and_left_as_it_was()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.FilePath)!);
        File.WriteAllText(_directory.FilePath, "these are not the objects you are looking for\n" + new string('x', 5000));

        var e = AssertRefused("it is not a SQLite database");

        Assert.EndsWith("to start with an empty cluster", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_damaged_and_left_as_it_was()
    {
        WriteStore(objects: 300);
        using (var file = new FileStream(_directory.FilePath, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        AssertRefused("is damaged");
    }

    [Fact]
    public void A_changed_byte_inside_an_object_is_found_by_its_checksum()
    {
        WriteStore(objects: 20);
        var bytes = File.ReadAllBytes(_directory.FilePath);
        var found = 0;
        for (var at = IndexOf(bytes, 0); at >= 0; at = IndexOf(bytes, at + 1), found++)
        {
            bytes[at + "value-of-c".Length] = (byte)'8'; // Still valid JSON, and a valid-looking object: only the checksum can tell.
        }

        Assert.True(found > 0, "the object's text is in the file");
        File.WriteAllBytes(_directory.FilePath, bytes);

        AssertRefused("object configmaps ns1/c7 does not match its checksum");
    }

    [Fact]
    public void Another_programs_sqlite_database_is_not_taken_for_a_store()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.FilePath)!);
        using (var connection = new SqliteConnection($"Data Source={_directory.FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')";
            command.ExecuteNonQuery();
        }

        var e = AssertRefused("is a SQLite database of something else (application_id 0x00000000");

        Assert.Contains("choose another Cluster:DataDirectory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_of_a_newer_format_is_refused_rather_than_misread()
    {
        WriteStore(objects: 1);
        using (var connection = new SqliteConnection($"Data Source={_directory.FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        AssertRefused("was written by a newer Labs (store format 99; this one reads format 1)");
    }

    [Fact]
    public void A_store_open_in_another_platform_is_refused_while_it_is()
    {
        using var first = DurableObjectStore.Open(_directory.FilePath);

        var e = Assert.Throws<ClusterSetupException>(() => DurableObjectStore.Open(_directory.FilePath));

        Assert.Contains($"{_directory.FilePath} is in use by another process", e.Message, StringComparison.Ordinal);
    }

    private void WriteStore(int objects)
    {
        using var store = DurableObjectStore.Open(_directory.FilePath);
        store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        for (var i = 0; i < objects; i++)
        {
            store.Create(ConfigMaps, "ns1", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"c{i}" },
                ["data"] = new JsonObject { ["k"] = $"value-of-c{i}", ["padding"] = new string('p', 1000) },
            });
        }
    }

    /// <summary>Opening fails naming the file and the problem, and the file is exactly as it was (nothing discarded).</summary>
    private ClusterSetupException AssertRefused(string problem)
    {
        var before = SHA256.HashData(File.ReadAllBytes(_directory.FilePath));

        var e = Assert.Throws<ClusterSetupException>(() => DurableObjectStore.Open(_directory.FilePath));

        Assert.StartsWith($"the embedded cluster's store {_directory.FilePath} ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(_directory.FilePath)));
        return e;
    }

    // Where the text of object c7 is (in its row, and in its change) from position start on, or -1.
    private static int IndexOf(byte[] file, int start) =>
        file.AsSpan(start).IndexOf("value-of-c7\""u8) is var at and >= 0 ? start + at : -1;
}
