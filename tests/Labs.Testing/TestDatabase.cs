using Labs.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Labs.Testing;

/// <summary>A migrated SQLite database in a temporary directory, as the platform makes by default.</summary>
public sealed class TestDatabase : IDisposable
{
    private static readonly Lazy<TestDatabase> s_shared = new(() => new TestDatabase());

    private TestDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("labs-db-").FullName;
        Factory = new LabsDbContextFactory(Options.Create(new DataOptions { DefaultDirectory = Directory }));
        DatabaseMigrator.MigrateAsync(Factory, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>One database for the whole test run, for tests that only need somewhere to write (ids are random).</summary>
    public static TestDatabase Shared => s_shared.Value;

    /// <summary>The directory that holds <c>labs.db</c>.</summary>
    public string Directory { get; }

    /// <summary>Contexts of the database.</summary>
    public LabsDbContextFactory Factory { get; }

    /// <summary>A fresh database of the test's own.</summary>
    public static TestDatabase Create() => new();

    /// <summary>Deletes the database.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Another test's connection may still hold the pool open; the OS cleans temp folders up.
        }
    }
}
