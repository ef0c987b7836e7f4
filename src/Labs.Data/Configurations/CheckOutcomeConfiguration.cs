using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class CheckOutcomeConfiguration : IEntityTypeConfiguration<CheckOutcome>
{
    public void Configure(EntityTypeBuilder<CheckOutcome> builder)
    {
        builder.ToTable("CheckOutcomes");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Description).HasMaxLength(DataLimits.TextLength);
        builder.Property(o => o.Message).HasMaxLength(DataLimits.TextLength);
        builder.HasIndex(o => new { o.CheckRunId, o.CheckIndex }).IsUnique();
    }
}
