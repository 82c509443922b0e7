using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>A plan item's public ledger: money in by source and household, money out as approved expenses.</summary>
public sealed class ProjectLedger(PortalDb db, TimeProvider clock)
{
    public async Task<long> BalanceAsync(long planItemId, CancellationToken ct = default)
    {
        var entries = await db.Set<LedgerEntry>().Where(e => e.PlanItemId == planItemId).ToListAsync(ct);
        var expenses = await db.Set<Expense>().Where(e => e.PlanItemId == planItemId && e.Status == ExpenseStatus.Approved).ToListAsync(ct);
        return Ledger.Balance(entries, expenses);
    }

    /// <summary>A household's payment (card or offline) enters the ledger; the caller saves.</summary>
    public async Task AddHouseholdPaymentAsync(Pledge pledge, long amountFen, string description, string recordedBy, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == pledge.CampaignId, ct);
        db.Add(new LedgerEntry(campaign.CompoundId, campaign.PlanItemId, LedgerEntryKind.HouseholdPayment, FundingSource.Residents, amountFen,
            clock.GetUtcNow(), description, pledge.Id, recordedBy));
    }

    /// <summary>Records a cash or bank-transfer payment against a pledge, with the ledger entry, in one save.</summary>
    public async Task<OfflinePayment> RecordOfflinePaymentAsync(Pledge pledge, long amountFen, DateOnly paidOn, string reference, Guid? receiptFileId,
        string recordedBy, CancellationToken ct = default)
    {
        pledge.RecordPayment(amountFen, clock.GetUtcNow());
        var payment = new OfflinePayment(pledge.Id, amountFen, paidOn, reference, receiptFileId, recordedBy, clock.GetUtcNow());
        db.Add(payment);
        await AddHouseholdPaymentAsync(pledge, amountFen, $"offline:{reference}", recordedBy, ct);
        await db.SaveChangesAsync(ct);
        return payment;
    }

    public async Task<LedgerEntry> RecordSourceIncomeAsync(long compoundId, long planItemId, FundingSource source, long amountFen, string description,
        string recordedBy, CancellationToken ct = default)
    {
        if (source == FundingSource.Residents)
            throw new DomainException("ledger.residents_via_pledges", "Residents' money enters the ledger through their pledges.");
        var entry = new LedgerEntry(compoundId, planItemId, LedgerEntryKind.SourceIncome, source, amountFen, clock.GetUtcNow(), description, null, recordedBy);
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>Approves an expense: a second committee member, and the balance re-read and checked inside one serializable transaction.</summary>
    public async Task ApproveAsync(long expenseId, string approverId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var expense = await db.Set<Expense>().SingleAsync(e => e.Id == expenseId, ct);
        var balance = await BalanceAsync(expense.PlanItemId, ct);
        expense.Approve(approverId, balance, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A refund leaves the ledger; checked against the balance in the caller's transaction.</summary>
    public async Task AddRefundAsync(Pledge pledge, long amountFen, string recordedBy, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == pledge.CampaignId, ct);
        Ledger.EnsureCanSpend(await BalanceAsync(campaign.PlanItemId, ct), amountFen);
        db.Add(new LedgerEntry(campaign.CompoundId, campaign.PlanItemId, LedgerEntryKind.Refund, FundingSource.Residents, amountFen,
            clock.GetUtcNow(), $"refund:pledge-{pledge.Id}", pledge.Id, recordedBy));
    }
}
