using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Files;

namespace Portal.Features.Funding;

/// <summary>The committee records money from an outside source (a subsidy, the maintenance fund, social capital) on the ledger.</summary>
public sealed class RecordSourceIncome(PortalDb db, TimeProvider clock)
{
    public async Task<LedgerEntry> RecordAsync(long compoundId, long planItemId, FundingSource source, long amountFen, string description,
        string recordedBy, CancellationToken ct = default)
    {
        if (source == FundingSource.Residents)
            throw new DomainException("ledger.residents_via_pledges", "Residents' money enters the ledger through their pledges.");
        var entry = new LedgerEntry(compoundId, planItemId, LedgerEntryKind.SourceIncome, source, amountFen, clock.GetUtcNow(), description, null, recordedBy);
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}

/// <summary>A committee member enters an expense with its invoice; it counts once another member approves it.</summary>
public sealed class EnterExpense(PortalDb db, FileStore files, TimeProvider clock)
{
    /// <summary>Throws <see cref="UploadRefusedException"/> for a bad invoice file.</summary>
    public async Task<Expense> EnterAsync(PlanItem item, long amountFen, string payee, string description, IFormFile? invoice,
        string enteredBy, CancellationToken ct = default)
    {
        Guid? invoiceId = null;
        if (invoice is { Length: > 0 })
            invoiceId = (await files.AddAsync(invoice, UploadRule.PhotoOrPdf, item.CompoundId, FileOwnerKinds.Invoice, enteredBy, ct)).Id;
        var expense = new Expense(item.CompoundId, item.Id, amountFen, payee, description, invoiceId, enteredBy, clock.GetUtcNow());
        db.Add(expense);
        await db.SaveChangesAsync(ct);
        return expense;
    }
}

/// <summary>A second committee member approves an expense; the balance is re-read and checked inside one serializable transaction, run again if it loses to a concurrent writer.</summary>
public sealed class ApproveExpense(PortalDb db, ProjectLedger ledger, TimeProvider clock)
{
    public Task ApproveAsync(long expenseId, string approverId, CancellationToken ct = default) =>
        RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var expense = await db.Set<Expense>().SingleAsync(e => e.Id == expenseId, ct);
            var balance = await ledger.BalanceAsync(expense.PlanItemId, ct);
            expense.Approve(approverId, balance, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
}

/// <summary>A committee member rejects a pending expense; it never counts.</summary>
public sealed class RejectExpense(PortalDb db, TimeProvider clock)
{
    public async Task RejectAsync(long expenseId, string byUserId, CancellationToken ct = default)
    {
        var expense = await db.Set<Expense>().SingleAsync(e => e.Id == expenseId, ct);
        expense.Reject(byUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
