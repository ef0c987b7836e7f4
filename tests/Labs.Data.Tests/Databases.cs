using Microsoft.Extensions.Options;

namespace Labs.Data.Tests;

/// <summary>Fresh, migrated databases for a test.</summary>
internal static class Databases
{
    public static async Task<LabsDbContextFactory> MigratedAsync(DataOptions options)
    {
        var factory = new LabsDbContextFactory(Options.Create(options));
        await DatabaseMigrator.MigrateAsync(factory, TestContext.Current.CancellationToken);
        return factory;
    }

    public static DataOptions Sqlite(string directory) => new() { DefaultDirectory = directory };

    public static DataOptions Postgres(string connectionString) => new() { Provider = DataProvider.PostgreSql, ConnectionString = connectionString };
}
