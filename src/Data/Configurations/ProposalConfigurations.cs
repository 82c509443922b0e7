using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Accounts;
using Portal.Domain.Register;
using Portal.Domain.Proposals;
using Portal.Files;

namespace Portal.Data.Configurations;

public sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> e)
    {
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.Title).HasMaxLength(Proposal.TitleMaxLength);
        e.Property(x => x.Description).HasMaxLength(Proposal.DescriptionMaxLength);
        e.Property(x => x.DeclineReason).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.CompoundId, x.Status });
        e.HasIndex(x => x.AuthorId);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Photos).WithOne().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(x => x.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.Scope);
        e.Ignore(x => x.SupportWithdrawable);
        e.Ignore(x => x.IsOpenForSupport);
    }
}

public sealed class ProposalTimelineEntryConfiguration : IEntityTypeConfiguration<ProposalTimelineEntry>
{
    public void Configure(EntityTypeBuilder<ProposalTimelineEntry> e)
    {
        e.Property(x => x.ByUserId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasIndex(x => new { x.ProposalId, x.At });
    }
}

public sealed class ProposalPhotoConfiguration : IEntityTypeConfiguration<ProposalPhoto>
{
    public void Configure(EntityTypeBuilder<ProposalPhoto> e)
    {
        e.HasIndex(x => x.ProposalId);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProposalSupportConfiguration : IEntityTypeConfiguration<ProposalSupport>
{
    public void Configure(EntityTypeBuilder<ProposalSupport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        // One support per resident and proposal: a double click cannot count twice.
        e.HasIndex(x => new { x.ProposalId, x.UserId }).IsUnique();
        // One support per household (附议 per flat); rows from before have no flat and are not constrained.
        e.HasIndex(x => new { x.ProposalId, x.FlatId }).IsUnique();
        e.HasIndex(x => x.UserId);
        e.HasOne<Proposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProposalCommentConfiguration : IEntityTypeConfiguration<ProposalComment>
{
    public void Configure(EntityTypeBuilder<ProposalComment> e)
    {
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.Body).HasMaxLength(ProposalComment.BodyMaxLength);
        e.Property(x => x.HiddenReason).HasMaxLength(1000);
        e.Property(x => x.HiddenBy).HasMaxLength(450);
        e.HasIndex(x => new { x.ProposalId, x.CreatedAt });
        e.HasIndex(x => new { x.AuthorId, x.CreatedAt });
        e.HasOne<Proposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ProposalComment>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.IsHidden);
    }
}

public sealed class ProposalCommentReportConfiguration : IEntityTypeConfiguration<ProposalCommentReport>
{
    public void Configure(EntityTypeBuilder<ProposalCommentReport> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasIndex(x => new { x.CommentId, x.UserId }).IsUnique();
        e.HasOne<ProposalComment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
