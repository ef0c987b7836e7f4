using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labs.Data.Configurations;

internal sealed class LabsUserConfiguration : IEntityTypeConfiguration<LabsUser>
{
    public void Configure(EntityTypeBuilder<LabsUser> builder)
    {
        builder.Property(u => u.Id).HasMaxLength(DataLimits.IdLength);
        // The account is the learner it signs in as: no account without its learner row.
        builder.HasOne<Learner>().WithOne().HasForeignKey<LabsUser>(u => u.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
