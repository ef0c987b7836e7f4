using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class ExamAttemptConfiguration : IEntityTypeConfiguration<ExamAttempt>
{
    public void Configure(EntityTypeBuilder<ExamAttempt> builder)
    {
        builder.ToTable("ExamAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.LearnerId).HasMaxLength(DataLimits.IdLength);
        builder.Property(a => a.ExamId).HasMaxLength(DataLimits.NameLength);
        builder.Property(a => a.SessionId).HasMaxLength(DataLimits.IdLength);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.ExamAttemptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.LearnerId, a.ExamId });
    }
}
