using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Notifications;

public sealed class NotificationEventConfiguration : IEntityTypeConfiguration<NotificationEvent>
{
    public void Configure(EntityTypeBuilder<NotificationEvent> e)
    {
        e.Property(x => x.Link).HasMaxLength(500);
        e.HasIndex(x => x.RaisedAt);
        e.HasIndex(x => x.FannedOutAt);
        e.Ignore(x => x.Audience);
        e.Ignore(x => x.Values);
    }
}
