using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Shared;
using Portal.Files;

namespace Portal.Features.Funding;

/// <summary>Transfer-memo codes are unique across pledges and running-cost charges, so a memo names one thing to pay.</summary>
public static class TransferReferences
{
    /// <summary>A fresh code; a clash (about one in 28 million) draws again, and after a few draws the unique indexes decide.</summary>
    public static async Task<string> NewAsync(PortalDb db, ISet<string> takenHere, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = TransferReference.New(Random.Shared);
            if (attempt < 5 && (takenHere.Contains(code)
                                || await db.Set<Pledge>().AnyAsync(p => p.TransferReference == code, ct)
                                || await db.Set<RunningCostCharge>().AnyAsync(c => c.TransferReference == code, ct))) continue;
            takenHere.Add(code);
            return code;
        }
    }
}

/// <summary>
/// The committee issues a finished plan item's yearly running-cost bill (运行维护费): the year's cost lines shared by
/// the bill's own table. A second bill for the same item and year is refused.
/// </summary>
public sealed class IssueRunningCostBill(PortalDb db, FundingQueries queries, TimeProvider clock)
{
    /// <summary>
    /// What the committee entered. <paramref name="FloorCoefficients"/> (thousandths) are used with the floor-coefficient
    /// method, a floor not given takes the usual published value; <paramref name="CustomFen"/> (a flat's amount) with a custom table.
    /// </summary>
    public sealed record Terms(int Year, CostSharingMethod Method, IReadOnlyList<(string Name, long AmountFen)> Lines,
        IReadOnlyDictionary<int, int> FloorCoefficients, IReadOnlyDictionary<long, long> CustomFen);

    public static bool IsFinished(PlanItem item) => item.Status is PlanItemStatus.Completed or PlanItemStatus.Accepted;

    public async Task<RunningCostBill> IssueAsync(PlanItem item, Terms terms, string byUserId, CancellationToken ct = default)
    {
        if (!IsFinished(item))
            throw new DomainException("running_cost.item_not_finished", "Running costs are billed once the works are finished.");
        if (await db.Set<RunningCostBill>().AnyAsync(b => b.PlanItemId == item.Id && b.Year == terms.Year, ct))
            throw YearBilled();
        var lines = terms.Lines.Select(l => new RunningCostLine(l.Name, l.AmountFen)).ToList();
        var flats = await queries.FlatsInScopeAsync(item, ct);
        var weights = flats.Select(f => (f.Sharing, terms.Method switch
        {
            CostSharingMethod.EqualPerFlat => 1L,
            CostSharingMethod.ByArea => f.Sharing.ExclusiveAreaCents,
            CostSharingMethod.FloorCoefficient => checked(f.Sharing.ExclusiveAreaCents
                * terms.FloorCoefficients.GetValueOrDefault(f.Sharing.Floor, Domain.Funding.FloorCoefficients.Default(f.Sharing.Floor))),
            CostSharingMethod.CustomTable => terms.CustomFen.GetValueOrDefault(f.Sharing.FlatId),
            _ => 0L,
        })).ToList();
        var bill = RunningCostBill.Issue(item.CompoundId, item.Id, terms.Year, terms.Method, lines, weights, byUserId, clock.GetUtcNow());
        var taken = new HashSet<string>();
        foreach (var charge in bill.Charges.Where(c => c.AmountFen > 0))
            charge.AssignTransferReference(await TransferReferences.NewAsync(db, taken, ct));
        db.Add(bill);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(bill).State == EntityState.Added)
        {
            // The unique (item, year) index: another member issued the same year's bill at the same moment.
            db.Entry(bill).State = EntityState.Detached;
            throw YearBilled();
        }
        return bill;
    }

    private static DomainException YearBilled() =>
        new("running_cost.year_billed", "This item already has a running-cost bill for that year.");
}

/// <summary>Reads running-cost bills: an item's bills for the committee, a household's charges for its own page.</summary>
public sealed class RunningCostQueries(PortalDb db)
{
    public Task<List<RunningCostBill>> BillsAsync(long planItemId, CancellationToken ct = default) =>
        db.Set<RunningCostBill>().Include(b => b.Lines).Include(b => b.Charges).AsSplitQuery()
            .Where(b => b.PlanItemId == planItemId).OrderByDescending(b => b.Year).ToListAsync(ct);

    public sealed record HouseholdCharge(RunningCostCharge Charge, RunningCostBill Bill, PlanItem Item, TransferAccount? Account, List<RunningCostPayment> Payments);

    /// <summary>The charges of the owners' flats in this compound, newest year first.</summary>
    public async Task<List<HouseholdCharge>> ForOwnersAsync(long compoundId, IReadOnlyCollection<long> ownerOfRecordIds, CancellationToken ct = default)
    {
        var charges = await db.Set<RunningCostCharge>().AsNoTracking()
            .Where(c => c.CompoundId == compoundId && ownerOfRecordIds.Contains(c.OwnerOfRecordId) && c.AmountFen > 0).ToListAsync(ct);
        if (charges.Count == 0) return [];
        var billIds = charges.Select(c => c.BillId).Distinct().ToList();
        var bills = await db.Set<RunningCostBill>().AsNoTracking().Include(b => b.Lines).Where(b => billIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var itemIds = bills.Values.Select(b => b.PlanItemId).Distinct().ToList();
        var items = await db.Set<PlanItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var accounts = (await db.Set<Campaign>().AsNoTracking().Where(c => itemIds.Contains(c.PlanItemId)).ToListAsync(ct))
            .ToDictionary(c => c.PlanItemId, c => c.TransferAccount);
        var chargeIds = charges.Select(c => c.Id).ToList();
        var payments = (await db.Set<RunningCostPayment>().AsNoTracking().Where(p => chargeIds.Contains(p.ChargeId)).ToListAsync(ct)).ToLookup(p => p.ChargeId);
        return charges.Select(c => new HouseholdCharge(c, bills[c.BillId], items[bills[c.BillId].PlanItemId], accounts.GetValueOrDefault(bills[c.BillId].PlanItemId),
                payments[c.Id].OrderBy(p => p.PaidOn).ToList()))
            .OrderByDescending(x => x.Bill.Year).ThenBy(x => x.Item.Id).ToList();
    }
}

/// <summary>
/// The treasurer records a bank-transfer or cash payment (with a receipt photo) against one flat's running-cost
/// charge; the statement import does the same for a transfer whose memo carries the charge's code. Each payment is
/// credited to the item's ledger.
/// </summary>
public sealed class RecordRunningCostPayment(PortalDb db, ProjectLedger ledger, FileStore files, TimeProvider clock)
{
    /// <summary>Throws <see cref="UploadRefusedException"/> for a bad receipt.</summary>
    public async Task<RunningCostPayment> RecordAsync(long compoundId, long chargeId, long amountFen, RunningCostPaymentChannel channel, DateOnly paidOn,
        string reference, IFormFile? receipt, string recordedBy, CancellationToken ct = default)
    {
        var charge = await db.Set<RunningCostCharge>().FirstOrDefaultAsync(c => c.Id == chargeId && c.CompoundId == compoundId, ct)
            ?? throw new DomainException("running_cost.no_charge", "There is no such running-cost charge.");
        if (amountFen > charge.OwedFen)
            throw new DomainException("running_cost.overpaid", "The payment is more than what is still owed on this bill.");
        Guid? receiptId = null;
        if (receipt is { Length: > 0 })
            receiptId = (await files.AddAsync(receipt, UploadRule.Photo, compoundId, FileOwnerKinds.Receipt, recordedBy, ct)).Id;
        var payment = await PayAsync(db, ledger, charge, amountFen, channel, paidOn, reference, receiptId, recordedBy, clock.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("statement.busy", "The bill changed meanwhile; try again.");
        }
        return payment;
    }

    /// <summary>The charge is paid this much: a payment record and a ledger credit; the caller saves.</summary>
    internal static async Task<RunningCostPayment> PayAsync(PortalDb db, ProjectLedger ledger, RunningCostCharge charge, long amountFen,
        RunningCostPaymentChannel channel, DateOnly paidOn, string reference, Guid? receiptId, string recordedBy, DateTimeOffset now, CancellationToken ct)
    {
        charge.RecordPayment(amountFen, now);
        var payment = new RunningCostPayment(charge, amountFen, channel, paidOn, reference, receiptId, recordedBy, now);
        db.Add(payment);
        var bill = await db.Set<RunningCostBill>().AsNoTracking().SingleAsync(b => b.Id == charge.BillId, ct);
        ledger.AddRunningCostPayment(bill, charge, amountFen, recordedBy);
        return payment;
    }
}
