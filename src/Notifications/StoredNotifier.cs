using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Notifications;

/// <summary>
/// Stores raised events in the caller's unit of work; once SaveChanges has stored them and the caller's transaction (if
/// any) has committed, enqueues one fan-out job per event id. Should the process die between the two, or the transaction
/// end otherwise, <see cref="FanOutSweeper"/> picks the event up later.
/// </summary>
public sealed class StoredNotifier(PortalDb db, TimeProvider clock, IBackgroundJobClient jobs) : INotifier
{
    private readonly List<NotificationEvent> _unsaved = [];

    public NotificationEvent Raise(NotificationKind kind, long? compoundId, Audience audience, string link, IReadOnlyDictionary<string, string> values)
    {
        var e = new NotificationEvent(kind, compoundId, audience, link, values, clock.GetUtcNow());
        db.Add(e);
        if (_unsaved.Count == 0) db.SavedChanges += EnqueueSaved;
        _unsaved.Add(e);
        return e;
    }

    private void EnqueueSaved(object? sender, SavedChangesEventArgs args)
    {
        foreach (var e in _unsaved.Where(e => e.Id > 0).ToList())
        {
            var id = e.Id;
            db.AfterCommit(() => jobs.Enqueue<FanOutJob>(job => job.RunAsync(id, CancellationToken.None)));
            _unsaved.Remove(e);
        }
        if (_unsaved.Count == 0) db.SavedChanges -= EnqueueSaved;
    }
}

/// <summary>
/// Enqueues fan-out for events stored but never fanned out (the process died before or during the job), and for events
/// whose email rows are still pending or held under an expired lease, older than the grace period.
/// </summary>
public sealed class FanOutSweeper(PortalDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - Grace;
        var since = now.AddDays(-2); // older ones are for an admin to look at, not to retry forever
        var ids = await db.Set<NotificationEvent>().Where(e => e.FannedOutAt == null && e.RaisedAt < before && e.RaisedAt > since)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(500).ToListAsync(ct);
        // Fanned out, but email or SMS rows left unsent whose job gave up or was lost (a claim's lease ran out on a dead node).
        var stuck = await DeliveryClaims.Claimable(db.Set<Delivery>().Where(d => (d.Channel == DeliveryChannel.Email || d.Channel == DeliveryChannel.Sms) && d.CreatedAt < before && d.CreatedAt > since), now)
            .Where(d => d.Status != DeliveryStatus.Failed)
            .Select(d => d.EventId).Distinct().OrderBy(id => id).Take(500).ToListAsync(ct);
        foreach (var id in ids.Union(stuck)) jobs.Enqueue<FanOutJob>(job => job.RunAsync(id, CancellationToken.None));
    }
}
