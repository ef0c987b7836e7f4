using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Labs.Data.DesignTime;

/// <summary>For <c>dotnet ef migrations add X --context PostgresLabsDbContext</c>: the model, no real server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLabsDbContext>
{
    public PostgresLabsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLabsDbContext>().UseNpgsql("Host=127.0.0.1;Database=labs_design").Options);
}
