using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Votes;

namespace Portal.Data.Configurations;

public sealed class CountCorrectionConfiguration : IEntityTypeConfiguration<CountCorrection>
{
    public void Configure(EntityTypeBuilder<CountCorrection> e)
    {
        e.HasIndex(x => x.VoteId);
        e.Property(x => x.ChoicesBefore).HasMaxLength(2000);
        e.Property(x => x.ChoicesAfter).HasMaxLength(2000);
        e.Property(x => x.Evidence).HasMaxLength(2000);
        e.Property(x => x.By).HasMaxLength(450);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
