using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Labs.Data.DesignTime;

/// <summary>For <c>dotnet ef migrations add X --context SqliteLabsDbContext</c>: the model, no real database.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLabsDbContext>
{
    public SqliteLabsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLabsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
