using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;

namespace Portal.Ops;

/// <summary>
/// Nodes starting together migrate and seed one at a time: on PostgreSQL under a session advisory lock, so the next
/// node waits, then finds the work done (migrations applied, demo present) and goes on starting. SQLite is one file
/// on one machine: nothing to share.
/// </summary>
public static class StartupLock
{
    /// <summary>An arbitrary constant that names "portal start-up" among this database's advisory locks.</summary>
    public const long Key = 0x506f7274616c01; // "Portal" 01

    public static async Task RunAsync(IServiceProvider services, Func<Task> work, CancellationToken ct = default)
    {
        string? connectionString;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            connectionString = db.Database.IsNpgsql() ? db.Database.GetConnectionString() : null;
        }
        if (connectionString is null)
        {
            await work();
            return;
        }
        // Its own connection, outside the pool's reuse, so the lock lives exactly as long as this block.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        // No command timeout: the wait lasts as long as another node's migration, which may be minutes on a big
        // database; Npgsql's default 30 s would fail this node's start instead. Cancellation (SIGTERM) still ends it.
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 })
            await take.ExecuteNonQueryAsync(ct);
        try { await work(); }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
