using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;

namespace Portal.Features.Funding;

/// <summary>
/// A plan item's public ledger: money in by source and household, money out as approved expenses. The use cases that
/// move money (<see cref="RecordOfflinePayment"/>, <see cref="ChargePledges"/>, <see cref="ApproveExpense"/>...) write through it.
/// </summary>
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

    /// <summary>A household's payment of its running-cost bill enters the item's ledger; the caller saves.</summary>
    public void AddRunningCostPayment(RunningCostBill bill, RunningCostCharge charge, long amountFen, string recordedBy) =>
        db.Add(new LedgerEntry(bill.CompoundId, bill.PlanItemId, LedgerEntryKind.RunningCostPayment, FundingSource.Residents, amountFen,
            clock.GetUtcNow(), RunningCostDescription(bill.Year, charge.Id), null, recordedBy));

    /// <summary>"running-cost:2027:charge-12": the ledger page shows it as the year and the charge's number, without names.</summary>
    public static string RunningCostDescription(int year, long chargeId) => $"running-cost:{year}:charge-{chargeId}";

    public static (int Year, long ChargeId)? ParseRunningCostDescription(string description)
    {
        var parts = description.Split(':');
        return parts.Length == 3 && parts[0] == "running-cost" && int.TryParse(parts[1], out var year)
               && parts[2].StartsWith("charge-", StringComparison.Ordinal) && long.TryParse(parts[2]["charge-".Length..], out var id)
            ? (year, id) : null;
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
