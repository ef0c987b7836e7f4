using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Data;

/// <summary>
/// Brings the database to the current schema when the platform starts (as dotnet/eShop does), before anything reads
/// it: hosted services start in order, and this one is registered before the sessions'.
/// </summary>
public sealed partial class DatabaseMigrator(LabsDbContextFactory factory, IOptions<DataOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await MigrateAsync(factory, cancellationToken);
        LogReady(factory.Provider);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL, so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(LabsDbContextFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var context = factory.CreateDbContext();
        try
        {
            if (factory.Provider == DataProvider.Sqlite)
            {
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await context.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new DataSetupException($"Could not open the platform's database ({factory.Provider}, Data:ConnectionString): {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private partial void LogReady(DataProvider provider);
}
