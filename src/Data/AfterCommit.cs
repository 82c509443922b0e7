using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Work to do once the current transaction has committed (enqueueing a background job for rows it wrote, so the job
/// neither runs before they are visible nor holds the transaction's locks while the job store is written). Without a
/// transaction the work runs at once. A rolled-back transaction drops it.
/// </summary>
public sealed class AfterCommitInterceptor : DbTransactionInterceptor
{
    public static readonly AfterCommitInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Run(eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an exception inside `await using`) leaves its work behind: a new
    // transaction starts clean.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Drop(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken ct = default)
    {
        Drop(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Drop(eventData);
        return Task.CompletedTask;
    }

    private static void Run(TransactionEndEventData e)
    {
        if (e.Context is not PortalDb db) return;
        var work = db.AfterCommitWork.ToList();
        db.AfterCommitWork.Clear();
        foreach (var w in work) w();
    }

    private static void Drop(TransactionEndEventData e)
    {
        if (e.Context is PortalDb db) db.AfterCommitWork.Clear();
    }
}

public static class AfterCommitExtensions
{
    /// <summary>Runs <paramref name="work"/> after the current transaction commits, or now when there is none.</summary>
    public static void AfterCommit(this PortalDb db, Action work)
    {
        if (db.Database.CurrentTransaction is null) work();
        else db.AfterCommitWork.Add(work);
    }
}
