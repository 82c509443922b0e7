using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Notifications;

using Portal.Features.Inbox;

namespace Portal.Pages.Inbox;

/// <summary>
/// One-click unsubscribe (<see cref="Unsubscribe"/>) from one kind of email, by the signed token in the email; no login.
/// The form POST (and a mail client's RFC 8058 POST) turns the kind off; the token itself is the proof, so no
/// antiforgery token is asked.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(EmailComposer composer, Unsubscribe unsubscribe) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public NotificationKind? Kind { get; private set; }
    public bool Done { get; private set; }

    public void OnGet() => Kind = composer.ReadUnsubscribeToken(Token)?.Kind;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Kind = await unsubscribe.UnsubscribeAsync(Token, ct);
        Done = Kind is not null;
        return Page();
    }
}
