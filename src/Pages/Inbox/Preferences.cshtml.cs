using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Notifications;

using Portal.Features.Inbox;

namespace Portal.Pages.Inbox;

/// <summary>Per kind of event: email at once, in the evening digest, or not at all. The inbox always receives
/// (<see cref="SavePreferences"/>).</summary>
[Authorize]
public class PreferencesModel(PortalDb db, SavePreferences save, IStringLocalizer<InboxText> t) : PageModel
{
    [BindProperty] public Dictionary<NotificationKind, EmailChoice> Choices { get; set; } = [];

    public static IReadOnlyList<NotificationKind> Kinds => SavePreferences.Kinds;

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == UserId).ToListAsync(ct);
        Choices = Kinds.ToDictionary(k => k, k => saved.FirstOrDefault(p => p.Kind == k)?.Email ?? EmailChoice.Immediately);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await save.SaveAsync(UserId, Choices, ct);
        TempData["Flash"] = t["Preferences_Saved"].Value;
        return RedirectToPage();
    }
}
