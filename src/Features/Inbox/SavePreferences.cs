using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications;

namespace Portal.Features.Inbox;

/// <summary>
/// A resident chooses, per kind of event, email at once, in the evening digest, or none (the inbox always receives).
/// A kind left out, or an unknown choice, means email at once.
/// </summary>
public sealed class SavePreferences(PortalDb db)
{
    public static IReadOnlyList<NotificationKind> Kinds { get; } = Enum.GetValues<NotificationKind>();

    public async Task SaveAsync(string userId, IReadOnlyDictionary<NotificationKind, EmailChoice> choices, CancellationToken ct = default)
    {
        var saved = await db.Set<NotificationPreference>().Where(p => p.UserId == userId).ToListAsync(ct);
        foreach (var kind in Kinds)
        {
            var choice = choices.GetValueOrDefault(kind, EmailChoice.Immediately);
            if (!Enum.IsDefined(choice)) choice = EmailChoice.Immediately;
            var row = saved.FirstOrDefault(p => p.Kind == kind);
            if (row is null) db.Add(new NotificationPreference(userId, kind, choice));
            else row.Choose(choice);
        }
        await db.SaveChangesAsync(ct);
    }
}
