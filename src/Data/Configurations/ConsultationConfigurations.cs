using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Consultations;
using Portal.Domain.Projects;
using Portal.Domain.Register;

namespace Portal.Data.Configurations;

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> e)
    {
        e.Property(x => x.Title).HasMaxLength(Consultation.TitleMaxLength);
        e.Property(x => x.Question).HasMaxLength(Consultation.QuestionMaxLength);
        e.Property(x => x.OptionsText).HasMaxLength((Consultation.OptionMaxLength + 1) * Consultation.MaxOptions);
        e.Property(x => x.ConvenedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.CompoundId, x.ClosesAt });
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.Scope);
        e.Ignore(x => x.Options);
    }
}

public sealed class ConsultationAnswerConfiguration : IEntityTypeConfiguration<ConsultationAnswer>
{
    public void Configure(EntityTypeBuilder<ConsultationAnswer> e)
    {
        e.Property(x => x.Reason).HasMaxLength(ConsultationAnswer.ReasonMaxLength);
        e.Property(x => x.PreferredOption).HasMaxLength(Consultation.OptionMaxLength);
        e.Property(x => x.AnsweredBy).HasMaxLength(100);
        e.Property(x => x.AssistedBy).HasMaxLength(100);
        e.Property(x => x.Revision).IsConcurrencyToken();
        // One household, one answer: a double click or two residents of one flat at once cannot add a second.
        e.HasIndex(x => new { x.ConsultationId, x.FlatId }).IsUnique();
        e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(x => x.Assisted);
    }
}

public sealed class ConsultationAnswerVersionConfiguration : IEntityTypeConfiguration<ConsultationAnswerVersion>
{
    public void Configure(EntityTypeBuilder<ConsultationAnswerVersion> e)
    {
        e.Property(x => x.Reason).HasMaxLength(ConsultationAnswer.ReasonMaxLength);
        e.Property(x => x.PreferredOption).HasMaxLength(Consultation.OptionMaxLength);
        e.Property(x => x.AnsweredBy).HasMaxLength(100);
        e.Property(x => x.AssistedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.ConsultationId, x.FlatId, x.Revision }).IsUnique();
        e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}
