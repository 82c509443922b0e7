using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Accounts;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Data.Configurations;

public sealed class ResidentLinkConfiguration : IEntityTypeConfiguration<ResidentLink>
{
    public void Configure(EntityTypeBuilder<ResidentLink> e)
    {
        e.Property(x => x.LinkedBy).HasMaxLength(100);
        e.Property(x => x.UnlinkedBy).HasMaxLength(100);
        e.Property(x => x.UnlinkReason).HasMaxLength(500);
        e.HasIndex(x => new { x.UserId, x.CompoundId });
        e.HasIndex(x => x.FlatId);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.IsActive);
    }
}

public sealed class CompoundRoleConfiguration : IEntityTypeConfiguration<CompoundRole>
{
    public void Configure(EntityTypeBuilder<CompoundRole> e)
    {
        e.Property(x => x.GrantedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.UserId, x.CompoundId });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CityOfficerScopeConfiguration : IEntityTypeConfiguration<CityOfficerScope>
{
    public void Configure(EntityTypeBuilder<CityOfficerScope> e)
    {
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.District).HasMaxLength(100);
        e.HasIndex(x => x.UserId);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AssistedSignUpConfiguration : IEntityTypeConfiguration<AssistedSignUp>
{
    public void Configure(EntityTypeBuilder<AssistedSignUp> e)
    {
        e.HasIndex(x => x.OwnerUserId);
        e.HasIndex(x => new { x.CompoundId, x.FlatId });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AssistedByUserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
    }
}
