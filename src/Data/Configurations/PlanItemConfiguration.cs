using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Register;
using Portal.Domain.Projects;

namespace Portal.Data.Configurations;

public sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(PlanItem.DescriptionMaxLength);
        e.HasIndex(x => new { x.CompoundId, x.Category });
        e.HasIndex(x => x.ProposalId);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.Scope);
    }
}
