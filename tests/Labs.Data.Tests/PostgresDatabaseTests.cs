namespace Labs.Data.Tests;

/// <summary>The database contract end to end on a real PostgreSQL server (started by the tests on 127.0.0.1).</summary>
public sealed class PostgresDatabaseTests(PostgresServer server) : DatabaseContract, IClassFixture<PostgresServer>
{
    protected override async Task<LabsDbContextFactory> NewDatabaseAsync() =>
        await Databases.MigratedAsync(Databases.Postgres(await server.CreateDatabaseAsync(Cancel)));

    [Fact]
    public async Task A_database_that_does_not_exist_is_created_by_the_migration()
    {
        var connection = server.ConnectionString("created_by_migration");
        var factory = await Databases.MigratedAsync(Databases.Postgres(connection));
        await using var db = factory.CreateDbContext();
        Assert.Empty(await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, Cancel));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_stops_the_start_with_a_message_naming_the_setting()
    {
        // Port 1 of loopback: nothing listens there, so the connection is refused at once.
        var options = Databases.Postgres("Host=127.0.0.1;Port=1;Database=labs;Username=labs;Timeout=5");
        var error = await Assert.ThrowsAsync<DataSetupException>(() => Databases.MigratedAsync(options));
        Assert.Contains("Data:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", error.Message, StringComparison.Ordinal);
    }
}
