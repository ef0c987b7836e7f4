using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class CheckRunConfiguration : IEntityTypeConfiguration<CheckRun>
{
    public void Configure(EntityTypeBuilder<CheckRun> builder)
    {
        builder.ToTable("CheckRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SessionId).HasMaxLength(DataLimits.IdLength);
        builder.Property(r => r.LearnerId).HasMaxLength(DataLimits.IdLength);
        builder.Property(r => r.LabId).HasMaxLength(DataLimits.NameLength);
        builder.Property(r => r.TaskId).HasMaxLength(DataLimits.NameLength);
        builder.HasMany(r => r.Outcomes).WithOne().HasForeignKey(o => o.CheckRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);

        // Per-lab completion and per-learner progress.
        builder.HasIndex(r => new { r.LabId, r.TaskId, r.Passed });
        builder.HasIndex(r => new { r.LearnerId, r.LabId });
        builder.HasIndex(r => r.SessionId);
    }
}
