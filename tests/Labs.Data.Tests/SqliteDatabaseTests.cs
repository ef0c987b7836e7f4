namespace Labs.Data.Tests;

/// <summary>The database contract on the default provider: a SQLite file in the data directory.</summary>
public sealed class SqliteDatabaseTests : DatabaseContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("labs-data-").FullName;

    protected override Task<LabsDbContextFactory> NewDatabaseAsync() => Databases.MigratedAsync(Databases.Sqlite(Path.Combine(_directory, Guid.NewGuid().ToString("N"))));

    [Fact]
    public async Task By_default_the_database_is_labs_db_in_the_data_directory()
    {
        var directory = Path.Combine(_directory, "data");
        var factory = await Databases.MigratedAsync(Databases.Sqlite(directory));
        Assert.Equal(DataProvider.Sqlite, factory.Provider);
        Assert.True(File.Exists(Path.Combine(directory, "labs.db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
