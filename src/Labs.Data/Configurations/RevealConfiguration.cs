using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class RevealConfiguration : IEntityTypeConfiguration<Reveal>
{
    public void Configure(EntityTypeBuilder<Reveal> builder)
    {
        builder.ToTable("Reveals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.LearnerId).HasMaxLength(DataLimits.IdLength);
        builder.Property(r => r.SessionId).HasMaxLength(DataLimits.IdLength);
        builder.Property(r => r.LabId).HasMaxLength(DataLimits.NameLength);
        builder.Property(r => r.TaskId).HasMaxLength(DataLimits.NameLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.LearnerId, r.LabId });
    }
}
