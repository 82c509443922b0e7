using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portal.Features.Shared;

/// <summary>
/// Runs a unit of work again when it lost a race to a concurrent writer: a unique key taken meanwhile, a row changed
/// under an optimistic check (<see cref="DbUpdateConcurrencyException"/>, or a subclass a feature throws for its own
/// check), a PostgreSQL serialization failure or deadlock, or SQLite busy. The loser's tracked changes are dropped and
/// it reads again. A few attempts with a short backoff; any other error, or the last attempt's, goes to the caller.
/// </summary>
public static class RetryOnConflict
{
    public const int Attempts = 6;

    public static async Task<T> RunAsync<T>(DbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (attempt < Attempts && IsConflict(e))
            {
                db.ChangeTracker.Clear();
                var backoff = 10 << (attempt - 1); // 10, 20, 40, 80, 160 ms, with jitter so losers do not retry in step
                await Task.Delay(backoff + Random.Shared.Next(backoff), ct);
            }
        }
    }

    public static Task RunAsync(DbContext db, Func<Task> work, CancellationToken ct) =>
        RunAsync(db, async () => { await work(); return true; }, ct);

    public static bool IsConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: DbException inner } => IsConflict(inner),
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, SQLITE_BUSY, SQLITE_LOCKED
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555 || sqlite.SqliteErrorCode is 5 or 6,
        _ => false,
    };
}
