using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Files;
using Portal.Payments;

namespace Portal.Data.Configurations;

// The cost-sharing scheme was first called a funding plan; its tables and columns keep that name so no data moves.
public sealed class CostSharingSchemeConfiguration : IEntityTypeConfiguration<CostSharingScheme>
{
    public const string Table = "FundingPlan";
    public const string ForeignKeyColumn = "FundingPlanId";

    public void Configure(EntityTypeBuilder<CostSharingScheme> e)
    {
        e.ToTable(Table);
        e.HasIndex(x => x.PlanItemId).IsUnique();
        e.HasIndex(x => x.CompoundId);
        // VoteId is a plain id: votes are another feature's table.
        e.HasIndex(x => x.VoteId);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Sources).WithOne().HasForeignKey(s => s.SchemeId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Coefficients).WithOne().HasForeignKey(s => s.SchemeId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.CustomShares).WithOne().HasForeignKey(s => s.SchemeId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(x => x.Coefficients).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(x => x.CustomShares).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.OutsideFundingFen);
        e.Ignore(x => x.ResidentsShareFen);
        e.Ignore(x => x.DrawsFromFund);
        e.Ignore(x => x.LateJoinOpen);
    }
}

public sealed class FundBalanceConfiguration : IEntityTypeConfiguration<FundBalance>
{
    public void Configure(EntityTypeBuilder<FundBalance> e)
    {
        e.HasIndex(x => x.FlatId).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.ImportedBy).HasMaxLength(450);
    }
}

public sealed class CostSharingSourceConfiguration : IEntityTypeConfiguration<CostSharingSource>
{
    public void Configure(EntityTypeBuilder<CostSharingSource> e)
    {
        e.ToTable("FundingPlanSource");
        e.Property(x => x.SchemeId).HasColumnName(CostSharingSchemeConfiguration.ForeignKeyColumn);
        e.HasIndex(x => new { x.SchemeId, x.Source }).IsUnique();
    }
}

public sealed class FloorCoefficientConfiguration : IEntityTypeConfiguration<FloorCoefficient>
{
    public void Configure(EntityTypeBuilder<FloorCoefficient> e)
    {
        e.Property(x => x.SchemeId).HasColumnName(CostSharingSchemeConfiguration.ForeignKeyColumn);
        e.HasIndex(x => new { x.SchemeId, x.BuildingId, x.EntranceId, x.Floor });
    }
}

public sealed class CustomShareConfiguration : IEntityTypeConfiguration<CustomShare>
{
    public void Configure(EntityTypeBuilder<CustomShare> e)
    {
        e.Property(x => x.SchemeId).HasColumnName(CostSharingSchemeConfiguration.ForeignKeyColumn);
        e.HasIndex(x => new { x.SchemeId, x.FlatId }).IsUnique();
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.HasIndex(x => x.PlanItemId).IsUnique();
        e.HasIndex(x => new { x.CompoundId, x.Status });
        e.Property(x => x.OpenedBy).HasMaxLength(450);
        e.Property(x => x.CostSharingSchemeId).HasColumnName(CostSharingSchemeConfiguration.ForeignKeyColumn);
        e.HasOne<CostSharingScheme>().WithMany().HasForeignKey(x => x.CostSharingSchemeId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.TransferAccountName).HasMaxLength(200);
        e.Property(x => x.TransferBank).HasMaxLength(200);
        e.Property(x => x.TransferAccountNumber).HasMaxLength(40);
        e.Ignore(x => x.TransferAccount);
    }
}

public sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> e)
    {
        // One pledge per household (owner of record, or the account for non-owners) and campaign: a double click cannot pledge twice.
        e.HasIndex(x => new { x.CampaignId, x.HolderKey }).IsUnique();
        e.HasIndex(x => new { x.CampaignId, x.Status });
        e.HasIndex(x => x.UserId);
        // Two servers (or a job and a webhook) moving the same pledge: the second save fails instead of paying twice.
        e.Property(x => x.Status).IsConcurrencyToken();
        e.Property(x => x.PaidFen).IsConcurrencyToken();
        e.HasIndex(x => x.StripeCheckoutSessionId);
        e.HasIndex(x => x.StripePaymentIntentId);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.HolderKey).HasMaxLength(500);
        e.Property(x => x.ConsentText).HasMaxLength(2000);
        e.Property(x => x.StripeCustomerId).HasMaxLength(255);
        e.Property(x => x.StripeCheckoutSessionId).HasMaxLength(255);
        e.Property(x => x.StripePaymentMethodId).HasMaxLength(255);
        e.Property(x => x.StripePaymentIntentId).HasMaxLength(255);
        e.Property(x => x.FailureReason).HasMaxLength(500);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.IsLive);
        e.Ignore(x => x.CountedFen);
        e.Ignore(x => x.OwedFen);
        e.Ignore(x => x.IsLateJoin);
        e.Property(x => x.TransferReference).HasMaxLength(16);
        e.HasIndex(x => x.TransferReference).IsUnique();
    }
}

public sealed class OfflinePaymentConfiguration : IEntityTypeConfiguration<OfflinePayment>
{
    public void Configure(EntityTypeBuilder<OfflinePayment> e)
    {
        e.Property(x => x.Reference).HasMaxLength(200);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => x.PledgeId);
        e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ReceiptFileId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.At });
        e.HasIndex(x => x.PledgeId);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.BalanceEffectFen);
    }
}

public sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> e)
    {
        e.Property(x => x.Payee).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(1000);
        e.Property(x => x.EnteredBy).HasMaxLength(450);
        e.Property(x => x.DecidedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.PlanItemId, x.Status });
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.InvoiceFileId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ProcessedStripeEventConfiguration : IEntityTypeConfiguration<ProcessedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedStripeEvent> e)
    {
        e.HasKey(x => x.EventId);
        e.Property(x => x.EventId).HasMaxLength(255);
        e.Property(x => x.Type).HasMaxLength(100);
    }
}

public sealed class BankStatementConfiguration : IEntityTypeConfiguration<BankStatement>
{
    public void Configure(EntityTypeBuilder<BankStatement> e)
    {
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ImportedBy).HasMaxLength(450);
        e.HasIndex(x => new { x.CompoundId, x.ImportedAt });
        e.HasOne<Compound>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BankStatementLineConfiguration : IEntityTypeConfiguration<BankStatementLine>
{
    public void Configure(EntityTypeBuilder<BankStatementLine> e)
    {
        e.Property(x => x.BankTransactionId).HasMaxLength(100);
        e.Property(x => x.Memo).HasMaxLength(500);
        e.Property(x => x.Counterparty).HasMaxLength(200);
        e.Property(x => x.Fingerprint).HasMaxLength(64);
        e.Property(x => x.ClaimedTransactionId).HasMaxLength(100);
        e.Property(x => x.ClaimedFingerprint).HasMaxLength(64);
        e.Property(x => x.MatchedBy).HasMaxLength(450);
        // A transaction is booked once per compound: a re-imported statement, or two imports at once, cannot pay twice.
        e.HasIndex(x => new { x.CompoundId, x.ClaimedTransactionId }).IsUnique();
        e.HasIndex(x => new { x.CompoundId, x.ClaimedFingerprint }).IsUnique();
        e.HasIndex(x => new { x.StatementId, x.LineNumber });
        e.HasIndex(x => x.PledgeId);
        e.HasOne<BankStatement>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.CanBeMatchedByHand);
    }
}

public sealed class PledgeRefundConfiguration : IEntityTypeConfiguration<PledgeRefund>
{
    public void Configure(EntityTypeBuilder<PledgeRefund> e)
    {
        e.Property(x => x.Reference).HasMaxLength(200);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => x.PledgeId);
        e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RunningCostBillConfiguration : IEntityTypeConfiguration<RunningCostBill>
{
    public void Configure(EntityTypeBuilder<RunningCostBill> e)
    {
        // One bill per item and year: a double click or two members at once cannot bill a year twice.
        e.HasIndex(x => new { x.PlanItemId, x.Year }).IsUnique();
        e.HasIndex(x => x.CompoundId);
        e.Property(x => x.IssuedBy).HasMaxLength(450);
        e.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.BillId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Charges).WithOne().HasForeignKey(c => c.BillId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(x => x.Charges).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.PaidFen);
    }
}

public sealed class RunningCostLineConfiguration : IEntityTypeConfiguration<RunningCostLine>
{
    public void Configure(EntityTypeBuilder<RunningCostLine> e) => e.Property(x => x.Name).HasMaxLength(RunningCostLine.MaxNameLength);
}

public sealed class RunningCostChargeConfiguration : IEntityTypeConfiguration<RunningCostCharge>
{
    public void Configure(EntityTypeBuilder<RunningCostCharge> e)
    {
        e.HasIndex(x => new { x.BillId, x.FlatId }).IsUnique();
        e.HasIndex(x => new { x.CompoundId, x.OwnerOfRecordId });
        e.Property(x => x.TransferReference).HasMaxLength(16);
        e.HasIndex(x => x.TransferReference).IsUnique();
        // A statement import and the treasurer paying the same charge at once: the second save fails instead of paying twice.
        e.Property(x => x.PaidFen).IsConcurrencyToken();
        e.HasOne<Flat>().WithMany().HasForeignKey(x => x.FlatId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.OwedFen);
        e.Ignore(x => x.IsPaid);
    }
}

public sealed class RunningCostPaymentConfiguration : IEntityTypeConfiguration<RunningCostPayment>
{
    public void Configure(EntityTypeBuilder<RunningCostPayment> e)
    {
        e.Property(x => x.Reference).HasMaxLength(200);
        e.Property(x => x.RecordedBy).HasMaxLength(450);
        e.HasIndex(x => x.ChargeId);
        e.HasOne<RunningCostCharge>().WithMany().HasForeignKey(x => x.ChargeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ReceiptFileId).OnDelete(DeleteBehavior.SetNull);
    }
}
