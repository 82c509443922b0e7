using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Register;

namespace Portal.Data.Configurations;

public sealed class CompoundConfiguration : IEntityTypeConfiguration<Compound>
{
    public void Configure(EntityTypeBuilder<Compound> e)
    {
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.District).HasMaxLength(100);
        e.Property(x => x.Address).HasMaxLength(300);
        e.Property(x => x.IssuingUnit).HasMaxLength(Compound.HelpDeskFieldMaxLength);
        e.Property(x => x.PropertyCompany).HasMaxLength(Compound.HelpDeskFieldMaxLength);
        e.Property(x => x.HelpPhone).HasMaxLength(Compound.HelpDeskFieldMaxLength);
        e.Property(x => x.HelpPlace).HasMaxLength(Compound.HelpDeskFieldMaxLength);
        e.Property(x => x.HelpHours).HasMaxLength(Compound.HelpDeskFieldMaxLength);
        e.HasIndex(x => new { x.City, x.District });
    }
}

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> e)
    {
        e.Property(x => x.Name).HasMaxLength(50);
        e.HasIndex(x => new { x.CompoundId, x.Name }).IsUnique();
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EntranceConfiguration : IEntityTypeConfiguration<Entrance>
{
    public void Configure(EntityTypeBuilder<Entrance> e)
    {
        e.Property(x => x.Name).HasMaxLength(50);
        e.HasIndex(x => new { x.BuildingId, x.Name }).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FlatConfiguration : IEntityTypeConfiguration<Flat>
{
    public void Configure(EntityTypeBuilder<Flat> e)
    {
        e.Property(x => x.Room).HasMaxLength(50);
        e.HasIndex(x => new { x.EntranceId, x.Room }).IsUnique();
        e.HasIndex(x => new { x.CompoundId, x.BuildingId, x.EntranceId });
        e.HasIndex(x => x.OwnerOfRecordId);
        e.HasOne<Entrance>().WithMany().HasForeignKey(x => x.EntranceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<OwnerOfRecord>().WithMany().HasForeignKey(x => x.OwnerOfRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OwnerOfRecordConfiguration : IEntityTypeConfiguration<OwnerOfRecord>
{
    public void Configure(EntityTypeBuilder<OwnerOfRecord> e)
    {
        e.ToTable("OwnersOfRecord");
        e.Property(x => x.OwnerKey).HasMaxLength(100);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.VotingRepresentativeUserId).HasMaxLength(450);
        e.HasIndex(x => new { x.CompoundId, x.OwnerKey }).IsUnique();
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
