using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Labs.Data;

/// <summary>The database on SQLite (the default: a file in the data directory).</summary>
public sealed class SqliteLabsDbContext : LabsDbContext
{
    /// <summary>Creates the context.</summary>
    public SqliteLabsDbContext(DbContextOptions<SqliteLabsDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite has no date type: as text, DateTimeOffset cannot be compared or ordered in SQL (the reaper asks for
        // expiry < now). As a number (ticks with the offset, and every time here is UTC) it sorts and compares.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
