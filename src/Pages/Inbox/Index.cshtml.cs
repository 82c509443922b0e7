using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Notifications;
using Portal.Notifications.Templates;

using Portal.Features.Inbox;

namespace Portal.Pages.Inbox;

/// <summary>The account's notifications, newest first; opening one marks it read and goes to its subject
/// (<see cref="MarkNotificationsRead"/>).</summary>
[Authorize]
public class IndexModel(PortalDb db, MarkNotificationsRead read) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public int Total { get; private set; }
    private Dictionary<long, string> _titles = [];

    /// <summary>The title in the reader's language now, from the event's values; the stored one if the event is gone.</summary>
    public string TitleOf(Notification n) => _titles.GetValueOrDefault(n.Id) ?? n.Title;

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == UserId);
        Unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        Total = await mine.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Items = await mine.OrderByDescending(n => n.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var eventIds = Items.Select(n => n.EventId).Distinct().ToList();
        var events = await db.Set<NotificationEvent>().AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var culture = EmailTemplates.CultureFor(System.Globalization.CultureInfo.CurrentUICulture.Name);
        _titles = Items.Where(n => events.ContainsKey(n.EventId))
            .ToDictionary(n => n.Id, n => EmailTemplates.Subject(n.Kind, culture, events[n.EventId].Values));
    }

    /// <summary>Marks one read and follows its link (local links only).</summary>
    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken ct)
    {
        var n = await read.OpenAsync(UserId, id, ct);
        if (n is null) return NotFound();
        return LocalRedirect(Url.IsLocalUrl(n.Link) ? n.Link : "/inbox");
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        await read.ReadAsync(UserId, id, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await read.ReadAllAsync(UserId, ct);
        return RedirectToPage();
    }
}
