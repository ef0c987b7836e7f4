using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Labs.Data;

/// <summary>
/// Makes a <see cref="LabsDbContext"/> of the configured provider for each unit of work (contexts are cheap and not
/// thread-safe; the platform's services are singletons, so they ask for one per operation).
/// </summary>
public sealed class LabsDbContextFactory : IDbContextFactory<LabsDbContext>
{
    private readonly Func<LabsDbContext> _create;

    /// <summary>Creates the factory from the <c>Data</c> settings.</summary>
    public LabsDbContextFactory(IOptions<DataOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = options.Value;
        Provider = data.Provider;
        ConnectionString = ResolveConnectionString(data);
        if (data.Provider == DataProvider.PostgreSql)
        {
            var built = new DbContextOptionsBuilder<PostgresLabsDbContext>().UseNpgsql(ConnectionString).Options;
            _create = () => new PostgresLabsDbContext(built);
        }
        else
        {
            var built = new DbContextOptionsBuilder<SqliteLabsDbContext>().UseSqlite(ConnectionString).Options;
            _create = () => new SqliteLabsDbContext(built);
        }
    }

    /// <summary>The provider in use.</summary>
    public DataProvider Provider { get; }

    /// <summary>The connection string in use (with the default SQLite file filled in).</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public LabsDbContext CreateDbContext() => _create();

    private static string ResolveConnectionString(DataOptions data)
    {
        if (!string.IsNullOrWhiteSpace(data.ConnectionString))
        {
            return data.ConnectionString;
        }

        var directory = data.DefaultDirectory ?? throw new InvalidOperationException("Data:DefaultDirectory is not set.");
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, DataOptions.DefaultFileName)}";
    }
}
