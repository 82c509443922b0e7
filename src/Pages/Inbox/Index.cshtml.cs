using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Notifications;

using Portal.Features.Inbox;

namespace Portal.Pages.Inbox;

/// <summary>The account's notifications, newest first; opening one marks it read and goes to its subject.</summary>
[Authorize]
public class IndexModel(PortalDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public int Total { get; private set; }

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == UserId);
        Unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        Total = await mine.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Items = await mine.OrderByDescending(n => n.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>Marks one read and follows its link (local links only).</summary>
    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken ct)
    {
        var n = await db.Set<Notification>().SingleOrDefaultAsync(x => x.Id == id && x.UserId == UserId, ct);
        if (n is null) return NotFound();
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(n.Link) ? n.Link : "/inbox");
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Notification>().Where(x => x.Id == id && x.UserId == UserId && x.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, now), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Notification>().Where(x => x.UserId == UserId && x.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, now), ct);
        return RedirectToPage();
    }
}
