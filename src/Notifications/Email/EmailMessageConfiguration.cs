using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Notifications.Email;

public sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> e)
    {
        e.Property(x => x.To).HasMaxLength(320);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.Kind).HasMaxLength(100);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasIndex(x => x.CreatedAt);
        e.HasIndex(x => x.To);
    }
}
