using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class SessionRecordConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(DataLimits.IdLength);
        builder.Property(s => s.LearnerId).HasMaxLength(DataLimits.IdLength);
        builder.Property(s => s.LabId).HasMaxLength(DataLimits.NameLength);
        builder.Property(s => s.Namespace).HasMaxLength(DataLimits.NameLength);
        builder.Property(s => s.ToolboxPod).HasMaxLength(DataLimits.NameLength);
        builder.Property(s => s.ToolboxNamespace).HasMaxLength(DataLimits.NameLength);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(s => s.Learner).WithMany(l => l.Sessions).HasForeignKey(s => s.LearnerId).OnDelete(DeleteBehavior.Cascade);

        // The start-up reconciliation and the reaper read live sessions; a learner's page reads their session of a lab.
        builder.HasIndex(s => s.State);
        builder.HasIndex(s => new { s.LearnerId, s.LabId, s.State });
    }
}
