using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Notifications;

/// <summary>
/// How a worker takes a batch of delivery rows and gives it back. A claim is a lease
/// (<c>Notifications:SendLeaseSeconds</c>, default 120): rows <see cref="DeliveryStatus.Sending"/> past their lease
/// belong to nobody and are claimed again by whichever worker runs next. The claim is one conditional UPDATE, so two
/// workers on one database never hold the same row: PostgreSQL re-checks the condition on a row another transaction
/// just changed, and SQLite runs one writer at a time.
/// </summary>
public sealed class DeliveryClaims(PortalDb db, TimeProvider clock, IConfiguration config)
{
    public const int DefaultLeaseSeconds = 120;

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Notifications:SendLeaseSeconds", DefaultLeaseSeconds)));

    /// <summary>Rows no worker holds: never claimed, failed, or claimed under a lease that has run out.</summary>
    public static IQueryable<Delivery> Claimable(IQueryable<Delivery> rows, DateTimeOffset now) =>
        rows.Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Failed ||
                        (d.Status == DeliveryStatus.Sending && (d.LeaseUntil == null || d.LeaseUntil < now)));

    /// <summary>Claims those of <paramref name="rows"/> no one holds; returns the claim id, whose rows are this worker's until the lease ends.</summary>
    public async Task<Guid> ClaimAsync(IQueryable<Delivery> rows, CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var until = now + Lease;
        await Claimable(rows, now).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.ExpiredLeases, d => d.Status == DeliveryStatus.Sending ? d.ExpiredLeases + 1 : d.ExpiredLeases)
            .SetProperty(d => d.Status, DeliveryStatus.Sending)
            .SetProperty(d => d.ClaimId, claim)
            .SetProperty(d => d.LeaseUntil, until)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        return claim;
    }

    private IQueryable<Delivery> Held(Guid claim) =>
        db.Set<Delivery>().Where(d => d.ClaimId == claim && d.Status == DeliveryStatus.Sending);

    /// <summary>
    /// The provider accepted the batch. Written even while the job is being cancelled: the email has gone. Returns
    /// how many rows were still this claim's (fewer when the lease ran out and another worker claimed them again).
    /// </summary>
    public Task<int> MarkSentAsync(Guid claim)
    {
        var now = clock.GetUtcNow();
        return Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, now)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null).SetProperty(d => d.Error, (string?)null), CancellationToken.None);
    }

    public Task<int> MarkFailedAsync(Guid claim, string error) =>
        Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.Error, error)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);

    /// <summary>Cancelled before the provider answered: the rows go back at once, for this or another node to send.</summary>
    public Task<int> ReleaseAsync(Guid claim) =>
        Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.ClaimId, (Guid?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null).SetProperty(d => d.Attempts, d => d.Attempts - 1), CancellationToken.None);
}

/// <summary>A job finished its pass with rows still unsent (held by another worker, or claimable again): Hangfire retries it.</summary>
public sealed class DeliveriesOutstandingException(string message) : Exception(message);
