using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>The database on PostgreSQL (shared deployments: <c>Data:Provider=PostgreSql</c> and a connection string).</summary>
public sealed class PostgresLabsDbContext : LabsDbContext
{
    /// <summary>Creates the context.</summary>
    public PostgresLabsDbContext(DbContextOptions<PostgresLabsDbContext> options)
        : base(options)
    {
    }
}
