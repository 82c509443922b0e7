using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications;

namespace Portal.Features.Inbox;

/// <summary>One click in an email turns one kind of email off, by the signed token in the email; no login.</summary>
public sealed class Unsubscribe(PortalDb db, EmailComposer composer)
{
    /// <summary>The kind turned off, or null when the token is not valid or its account is gone.</summary>
    public async Task<NotificationKind?> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (composer.ReadUnsubscribeToken(token) is not { } t) return null;
        if (!await db.Users.AnyAsync(u => u.Id == t.UserId, ct)) return null;
        var preference = await db.Set<NotificationPreference>().SingleOrDefaultAsync(p => p.UserId == t.UserId && p.Kind == t.Kind, ct);
        if (preference is null) db.Add(new NotificationPreference(t.UserId, t.Kind, EmailChoice.None));
        else preference.Choose(EmailChoice.None);
        await db.SaveChangesAsync(ct);
        return t.Kind;
    }
}
