using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Files;

namespace Portal.Data.Configurations;

public sealed class ConstructionUpdateConfiguration : IEntityTypeConfiguration<ConstructionUpdate>
{
    public void Configure(EntityTypeBuilder<ConstructionUpdate> e)
    {
        e.Property(x => x.Text).HasMaxLength(4000);
        e.Property(x => x.PostedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.PostedAt });
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Photos).WithOne().HasForeignKey(x => x.ConstructionUpdateId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ConstructionUpdatePhotoConfiguration : IEntityTypeConfiguration<ConstructionUpdatePhoto>
{
    public void Configure(EntityTypeBuilder<ConstructionUpdatePhoto> e)
    {
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProblemReportConfiguration : IEntityTypeConfiguration<ProblemReport>
{
    public void Configure(EntityTypeBuilder<ProblemReport> e)
    {
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.Answer).HasMaxLength(2000);
        e.Property(x => x.ReopenReason).HasMaxLength(2000);
        e.Property(x => x.ReportedBy).HasMaxLength(450);
        e.Property(x => x.AnsweredBy).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.Status });
        e.HasIndex(x => x.ReportedBy);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Photos).WithOne().HasForeignKey(x => x.ProblemReportId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ProblemReportPhotoConfiguration : IEntityTypeConfiguration<ProblemReportPhoto>
{
    public void Configure(EntityTypeBuilder<ProblemReportPhoto> e)
    {
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> e)
    {
        e.HasIndex(x => x.PlanItemId).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> e)
    {
        e.Property(x => x.Comment).HasMaxLength(1000);
        e.Property(x => x.AnsweredBy).HasMaxLength(450);
        // One answer per flat: a double click cannot count twice.
        e.HasIndex(x => new { x.SurveyId, x.FlatId }).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<SatisfactionSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AcceptanceRecordConfiguration : IEntityTypeConfiguration<AcceptanceRecord>
{
    public void Configure(EntityTypeBuilder<AcceptanceRecord> e)
    {
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Property(x => x.OrganisedBy).HasMaxLength(AcceptanceRecord.OrganisedByMaxLength);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.Ignore(x => x.Opinions);
        e.HasIndex(x => x.PlanItemId).IsUnique();
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.AcceptanceRecordId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Documents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class AcceptanceOpinionConfiguration : IEntityTypeConfiguration<AcceptanceOpinion>
{
    public void Configure(EntityTypeBuilder<AcceptanceOpinion> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Text).HasMaxLength(AcceptanceOpinion.TextMaxLength);
        // One opinion per representative and item: giving it again replaces it, a double click cannot add a second.
        e.HasIndex(x => new { x.PlanItemId, x.UserId }).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AcceptanceDocumentConfiguration : IEntityTypeConfiguration<AcceptanceDocument>
{
    public void Configure(EntityTypeBuilder<AcceptanceDocument> e)
    {
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
