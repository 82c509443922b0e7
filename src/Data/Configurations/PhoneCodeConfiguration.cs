using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Residents;

namespace Portal.Data.Configurations;

public sealed class PhoneCodeConfiguration : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> e)
    {
        e.Property(x => x.Phone).HasMaxLength(32);
        e.Property(x => x.Purpose).HasMaxLength(100);
        e.Property(x => x.CodeHash).HasMaxLength(128);
        e.Property(x => x.Ip).HasMaxLength(64);
        e.Ignore(x => x.TriesLeft);
        e.HasIndex(x => new { x.Phone, x.CreatedAt });
        e.HasIndex(x => new { x.Ip, x.CreatedAt });
        // Concurrent wrong entries on two servers must not both read WrongTries = 4.
        e.Property(x => x.WrongTries).IsConcurrencyToken();
    }
}
