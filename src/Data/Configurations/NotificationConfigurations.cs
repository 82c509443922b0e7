using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Accounts;
using Portal.Notifications;

namespace Portal.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Link).HasMaxLength(500);
        e.HasIndex(x => new { x.EventId, x.UserId }).IsUnique();
        e.HasIndex(x => new { x.UserId, x.ReadAt });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<NotificationEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.IsRead);
    }
}

public sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> e)
    {
        e.ToTable("NotificationDeliveries");
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasIndex(x => new { x.EventId, x.UserId, x.Channel }).IsUnique();
        e.HasIndex(x => new { x.Channel, x.Status });
        e.HasIndex(x => x.ClaimId);
        e.HasIndex(x => new { x.EventId, x.Channel, x.Status });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<NotificationEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> e)
    {
        e.HasIndex(x => new { x.UserId, x.Kind }).IsUnique();
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
