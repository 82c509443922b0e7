using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Projects;
using Portal.Files;

namespace Portal.Data.Configurations;

public sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> e)
    {
        e.Property(x => x.Text).HasMaxLength(PlanVersion.TextMaxLength);
        e.Property(x => x.Changes).HasMaxLength(PlanVersion.ChangesMaxLength);
        e.Property(x => x.ImplementingBody).HasMaxLength(PlanVersion.NameMaxLength);
        e.Property(x => x.Designer).HasMaxLength(PlanVersion.NameMaxLength);
        e.Property(x => x.Contractor).HasMaxLength(PlanVersion.NameMaxLength);
        e.Property(x => x.Supervisor).HasMaxLength(PlanVersion.NameMaxLength);
        e.Property(x => x.PublishedBy).HasMaxLength(450);
        // Two conveners publishing at once cannot both write version 2.
        e.HasIndex(x => new { x.PlanItemId, x.Number }).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Documents).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasMany(x => x.Budget).WithOne().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Budget).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class PlanVersionDocumentConfiguration : IEntityTypeConfiguration<PlanVersionDocument>
{
    public void Configure(EntityTypeBuilder<PlanVersionDocument> e)
    {
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PlanCommentConfiguration : IEntityTypeConfiguration<PlanComment>
{
    public void Configure(EntityTypeBuilder<PlanComment> e)
    {
        e.Property(x => x.Text).HasMaxLength(PlanComment.TextMaxLength);
        e.Property(x => x.Answer).HasMaxLength(PlanComment.TextMaxLength);
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.AnsweredBy).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.At });
        e.HasIndex(x => x.AuthorId);
        e.HasOne<PlanVersion>().WithMany().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlanPhaseSkipConfiguration : IEntityTypeConfiguration<PlanPhaseSkip>
{
    public void Configure(EntityTypeBuilder<PlanPhaseSkip> e)
    {
        e.Property(x => x.Reason).HasMaxLength(PlanPhaseSkip.ReasonMaxLength);
        e.Property(x => x.By).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.Phase }).IsUnique();
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
