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

/// <summary>Per kind of event: email at once, in the evening digest, or not at all. The inbox always receives.</summary>
[Authorize]
public class PreferencesModel(PortalDb db, IStringLocalizer<InboxText> t) : PageModel
{
    [BindProperty] public Dictionary<NotificationKind, EmailChoice> Choices { get; set; } = [];

    public static IReadOnlyList<NotificationKind> Kinds { get; } = Enum.GetValues<NotificationKind>();

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == UserId).ToListAsync(ct);
        Choices = Kinds.ToDictionary(k => k, k => saved.FirstOrDefault(p => p.Kind == k)?.Email ?? EmailChoice.Immediately);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = await db.Set<NotificationPreference>().Where(p => p.UserId == UserId).ToListAsync(ct);
        foreach (var kind in Kinds)
        {
            var choice = Choices.GetValueOrDefault(kind, EmailChoice.Immediately);
            if (!Enum.IsDefined(choice)) choice = EmailChoice.Immediately;
            var row = saved.FirstOrDefault(p => p.Kind == kind);
            if (row is null) db.Add(new NotificationPreference(UserId, kind, choice));
            else row.Choose(choice);
        }
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = t["Preferences_Saved"].Value;
        return RedirectToPage();
    }
}
