using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Accounts;
using Portal.Domain.Register;
using Portal.Domain.Notices;
using Portal.Files;

namespace Portal.Data.Configurations;

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.Property(x => x.Title).HasMaxLength(Notice.TitleMaxLength);
        e.Property(x => x.BodyMarkdown).HasMaxLength(Notice.BodyMaxLength);
        e.Property(x => x.TargetIdsText).HasMaxLength(2000);
        e.Property(x => x.PostedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.CompoundId, x.PublishedAt });
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.TargetIds);
        e.Ignore(x => x.IsPublished);
    }
}

public sealed class NoticeAttachmentConfiguration : IEntityTypeConfiguration<NoticeAttachment>
{
    public void Configure(EntityTypeBuilder<NoticeAttachment> e)
    {
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.HasIndex(x => x.NoticeId);
        e.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeAcknowledgementConfiguration : IEntityTypeConfiguration<NoticeAcknowledgement>
{
    public void Configure(EntityTypeBuilder<NoticeAcknowledgement> e)
    {
        e.Property(x => x.UserId).HasMaxLength(100);
        e.HasIndex(x => new { x.NoticeId, x.FlatId }).IsUnique();
        e.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
