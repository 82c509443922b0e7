using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications;

using Portal.Features.Inbox;

namespace Portal.Pages.Inbox;

/// <summary>
/// One-click unsubscribe from one kind of email, by the signed token in the email; no login. The form POST (and a
/// mail client's RFC 8058 POST) turns the kind off; the token itself is the proof, so no antiforgery token is asked.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(PortalDb db, EmailComposer composer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public NotificationKind? Kind { get; private set; }
    public bool Done { get; private set; }

    public void OnGet() => Kind = composer.ReadUnsubscribeToken(Token)?.Kind;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (composer.ReadUnsubscribeToken(Token) is not { } t) return Page();
        Kind = t.Kind;
        if (!await db.Users.AnyAsync(u => u.Id == t.UserId, ct)) { Kind = null; return Page(); }
        var preference = await db.Set<NotificationPreference>().SingleOrDefaultAsync(p => p.UserId == t.UserId && p.Kind == t.Kind, ct);
        if (preference is null) db.Add(new NotificationPreference(t.UserId, t.Kind, EmailChoice.None));
        else preference.Choose(EmailChoice.None);
        await db.SaveChangesAsync(ct);
        Done = true;
        return Page();
    }
}
