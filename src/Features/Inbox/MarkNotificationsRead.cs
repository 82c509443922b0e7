using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications;

namespace Portal.Features.Inbox;

/// <summary>A resident marks notifications in their inbox read: one they open, one, or all.</summary>
public sealed class MarkNotificationsRead(PortalDb db, TimeProvider clock)
{
    /// <summary>Marks the notification read and returns it, or null when the account has no such notification.</summary>
    public async Task<Notification?> OpenAsync(string userId, long id, CancellationToken ct = default)
    {
        var n = await db.Set<Notification>().SingleOrDefaultAsync(x => x.Id == id && x.UserId == userId, ct);
        if (n is null) return null;
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return n;
    }

    public Task ReadAsync(string userId, long id, CancellationToken ct = default) =>
        MarkAsync(db.Set<Notification>().Where(x => x.Id == id && x.UserId == userId), ct);

    public Task ReadAllAsync(string userId, CancellationToken ct = default) =>
        MarkAsync(db.Set<Notification>().Where(x => x.UserId == userId), ct);

    private Task MarkAsync(IQueryable<Notification> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return which.Where(x => x.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, now), ct);
    }
}
