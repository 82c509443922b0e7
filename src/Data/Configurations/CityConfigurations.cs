using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.City;
using Portal.Domain.Register;

namespace Portal.Data.Configurations;

public sealed class CompoundProgrammeConfiguration : IEntityTypeConfiguration<CompoundProgramme>
{
    public void Configure(EntityTypeBuilder<CompoundProgramme> e)
    {
        e.ToTable("CompoundProgrammes");
        e.HasIndex(x => new { x.CompoundId, x.ProgrammeYear }).IsUnique();
        e.HasIndex(x => x.ProgrammeYear);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Funds).WithOne().HasForeignKey(x => x.CompoundProgrammeId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Funds).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ProgrammeFundsConfiguration : IEntityTypeConfiguration<ProgrammeFunds>
{
    public void Configure(EntityTypeBuilder<ProgrammeFunds> e)
    {
        e.ToTable("ProgrammeFunds");
        e.HasIndex(x => new { x.CompoundProgrammeId, x.Source }).IsUnique();
    }
}
