using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Register;
using Portal.Domain.Votes;

namespace Portal.Data.Configurations;

public sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.CompoundId, x.Status });
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.Scope);
        // Every status move is UPDATE ... WHERE Status = <the status it moved from>: two servers closing at once, one wins.
        e.Property(x => x.Status).IsConcurrencyToken();
    }
}

public sealed class CompoundRulesConfiguration : IEntityTypeConfiguration<CompoundRules>
{
    public void Configure(EntityTypeBuilder<CompoundRules> e)
    {
        e.ToTable("CompoundVoteRules");
        e.HasIndex(x => x.CompoundId).IsUnique();
        e.Property(x => x.UpdatedBy).HasMaxLength(450);
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatterConfiguration : IEntityTypeConfiguration<Matter>
{
    public void Configure(EntityTypeBuilder<Matter> e)
    {
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Body).HasMaxLength(20000);
        e.Property(x => x.OccupiedFlats).HasMaxLength(2000);
        e.HasIndex(x => new { x.VoteId, x.Position });
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatterOptionConfiguration : IEntityTypeConfiguration<MatterOption>
{
    public void Configure(EntityTypeBuilder<MatterOption> e)
    {
        e.Property(x => x.Label).HasMaxLength(200);
        e.HasIndex(x => new { x.MatterId, x.Position });
        e.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ElectorateMemberConfiguration : IEntityTypeConfiguration<ElectorateMember>
{
    public void Configure(EntityTypeBuilder<ElectorateMember> e)
    {
        e.HasIndex(x => new { x.VoteId, x.OwnerOfRecordId }).IsUnique();
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ElectorateFlatConfiguration : IEntityTypeConfiguration<ElectorateFlat>
{
    public void Configure(EntityTypeBuilder<ElectorateFlat> e)
    {
        e.HasIndex(x => new { x.VoteId, x.FlatId }).IsUnique();
        e.HasIndex(x => new { x.VoteId, x.OwnerOfRecordId });
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CurrentBallotConfiguration : IEntityTypeConfiguration<CurrentBallot>
{
    public void Configure(EntityTypeBuilder<CurrentBallot> e)
    {
        // One current ballot per owner of record per vote, enforced by the database.
        e.HasIndex(x => new { x.VoteId, x.OwnerOfRecordId }).IsUnique();
        e.HasIndex(x => new { x.VoteId, x.ReceiptCode }).IsUnique();
        e.Property(x => x.ReceiptCode).HasMaxLength(16);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CurrentChoiceConfiguration : IEntityTypeConfiguration<CurrentChoice>
{
    public void Configure(EntityTypeBuilder<CurrentChoice> e)
    {
        e.HasIndex(x => new { x.VoteId, x.OwnerOfRecordId, x.MatterId }).IsUnique();
        e.HasIndex(x => new { x.MatterId, x.Choice });
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BallotVersionConfiguration : IEntityTypeConfiguration<BallotVersion>
{
    public void Configure(EntityTypeBuilder<BallotVersion> e)
    {
        e.HasIndex(x => new { x.VoteId, x.OwnerOfRecordId, x.Version }).IsUnique();
        e.Property(x => x.ChoicesText).HasMaxLength(2000);
        e.Property(x => x.ReceiptCode).HasMaxLength(16);
        e.Property(x => x.CastBy).HasMaxLength(450);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.AuthorisationReference).HasMaxLength(200);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Text).HasMaxLength(4000);
        e.Property(x => x.Answer).HasMaxLength(4000);
        e.Property(x => x.AnsweredBy).HasMaxLength(450);
        e.HasIndex(x => x.VoteId);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VoteAuditEntryConfiguration : IEntityTypeConfiguration<VoteAuditEntry>
{
    public void Configure(EntityTypeBuilder<VoteAuditEntry> e)
    {
        // The chain cannot fork: two writers racing for the same sequence number, one loses and retries.
        e.HasIndex(x => new { x.VoteId, x.Sequence }).IsUnique();
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.Actor).HasMaxLength(450);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VoteScrutineerConfiguration : IEntityTypeConfiguration<VoteScrutineer>
{
    public void Configure(EntityTypeBuilder<VoteScrutineer> e)
    {
        e.HasIndex(x => new { x.VoteId, x.UserId }).IsUnique();
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.NamedBy).HasMaxLength(450);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BallotPaperConfiguration : IEntityTypeConfiguration<BallotPaper>
{
    public void Configure(EntityTypeBuilder<BallotPaper> e)
    {
        // One paper per flat per vote; a code hash names one paper of one vote.
        e.HasIndex(x => new { x.VoteId, x.FlatId }).IsUnique();
        e.HasIndex(x => new { x.VoteId, x.CodeHash }).IsUnique();
        e.HasIndex(x => new { x.VoteId, x.Number }).IsUnique();
        e.Property(x => x.CodeHash).HasMaxLength(64);
        e.HasOne<Vote>().WithMany().HasForeignKey(x => x.VoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
