using Portal.Data;

namespace Portal.Notifications;

/// <summary>
/// Stores raised events in the caller's unit of work. The notifications feature delivers stored events
/// (inbox, email, digest) from a background job.
/// </summary>
public sealed class StoredNotifier(PortalDb db, TimeProvider clock) : INotifier
{
    public NotificationEvent Raise(NotificationKind kind, long? compoundId, Audience audience, string link, IReadOnlyDictionary<string, string> values)
    {
        var e = new NotificationEvent(kind, compoundId, audience, link, values, clock.GetUtcNow());
        db.Add(e);
        return e;
    }
}
