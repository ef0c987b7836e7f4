using Labs.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>
/// The platform's database. One model for every provider; each provider has a context type of its own
/// (<see cref="SqliteLabsDbContext"/>, <see cref="PostgresLabsDbContext"/>) only so that each has its own migrations.
/// Accounts and roles are ASP.NET Core Identity's tables (its EF Core store), in the same database.
/// </summary>
public abstract class LabsDbContext : IdentityDbContext<LabsUser, IdentityRole, string>
{
    /// <summary>Creates the context.</summary>
    protected LabsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Learners.</summary>
    public DbSet<Learner> Learners => Set<Learner>();

    /// <summary>Lab sessions, live and past.</summary>
    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    /// <summary>Every check run.</summary>
    public DbSet<CheckRun> CheckRuns => Set<CheckRun>();

    /// <summary>Each check's outcome in a run.</summary>
    public DbSet<CheckOutcome> CheckOutcomes => Set<CheckOutcome>();

    /// <summary>Hints and solutions learners opened.</summary>
    public DbSet<Reveal> Reveals => Set<Reveal>();

    /// <summary>Exam attempts.</summary>
    public DbSet<ExamAttempt> ExamAttempts => Set<ExamAttempt>();

    /// <summary>Exam answers.</summary>
    public DbSet<ExamAnswer> ExamAnswers => Set<ExamAnswer>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LabsDbContext).Assembly);
    }
}
