using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Notifications.Email;

namespace Portal.Pages.Admin;

/// <summary>Every email the portal sent or kept, with failures; the way to follow emails with no email service.</summary>
[Requires(Capability.AdministerPlatform)]
public class OutboxModel(PortalDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public EmailStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<EmailMessage> Messages { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<EmailStatus, int> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Set<EmailMessage>().AsNoTracking();
        Counts = await query.GroupBy(m => m.Status).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        if (!string.IsNullOrWhiteSpace(To)) query = query.Where(m => m.To.Contains(To.Trim()));
        if (Status is not null) query = query.Where(m => m.Status == Status);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Messages = await query.OrderByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}
