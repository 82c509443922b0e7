using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Accounts;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Data.Configurations;

public sealed class RegisterChangeConfiguration : IEntityTypeConfiguration<RegisterChange>
{
    public void Configure(EntityTypeBuilder<RegisterChange> e)
    {
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.Source).HasMaxLength(200);
        e.HasIndex(x => new { x.CompoundId, x.At });
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationCodeConfiguration : IEntityTypeConfiguration<InvitationCode>
{
    public void Configure(EntityTypeBuilder<InvitationCode> e)
    {
        e.Property(x => x.CodeHash).HasMaxLength(64);
        e.Property(x => x.IssuedBy).HasMaxLength(100);
        e.Property(x => x.UsedByUserId).HasMaxLength(450);
        e.HasIndex(x => x.CodeHash).IsUnique();
        // Two claims racing for one code: the second update finds UsedAt no longer null and fails.
        e.Property(x => x.UsedAt).IsConcurrencyToken();
        e.HasIndex(x => new { x.CompoundId, x.FlatId });
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ClaimAttemptConfiguration : IEntityTypeConfiguration<ClaimAttempt>
{
    public void Configure(EntityTypeBuilder<ClaimAttempt> e)
    {
        e.Property(x => x.Ip).HasMaxLength(64);
        e.HasIndex(x => new { x.UserId, x.At });
        e.HasIndex(x => new { x.Ip, x.At });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LinkRequestConfiguration : IEntityTypeConfiguration<LinkRequest>
{
    public void Configure(EntityTypeBuilder<LinkRequest> e)
    {
        e.Property(x => x.Note).HasMaxLength(500);
        // Two committee members deciding one request at once: only the first decision sticks.
        e.Property(x => x.Status).IsConcurrencyToken();
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.Property(x => x.DecisionReason).HasMaxLength(500);
        e.HasIndex(x => new { x.CompoundId, x.Status });
        e.HasIndex(x => x.UserId);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PendingRegisterUploadConfiguration : IEntityTypeConfiguration<PendingRegisterUpload>
{
    public void Configure(EntityTypeBuilder<PendingRegisterUpload> e)
    {
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.UploadedBy).HasMaxLength(450);
        e.HasIndex(x => x.UploadedAt);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
