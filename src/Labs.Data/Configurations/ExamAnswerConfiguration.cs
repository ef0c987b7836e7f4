using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class ExamAnswerConfiguration : IEntityTypeConfiguration<ExamAnswer>
{
    public void Configure(EntityTypeBuilder<ExamAnswer> builder)
    {
        builder.ToTable("ExamAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.QuestionId).HasMaxLength(DataLimits.NameLength);
        builder.Property(a => a.Answer).HasMaxLength(DataLimits.TextLength);
        builder.HasIndex(a => new { a.ExamAttemptId, a.QuestionId }).IsUnique();
    }
}
