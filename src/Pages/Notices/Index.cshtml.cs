using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Notices;
using Portal.Domain.Residents;

using Portal.Features.Notices;

namespace Portal.Pages.Notices;

/// <summary>The compound's notice board: pinned first, then newest; filter by category.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db, TimeProvider clock) : CompoundPageModel
{
    [BindProperty(SupportsGet = true)] public NoticeCategory? Category { get; set; }

    public List<Notice> Notices { get; private set; } = [];
    public HashSet<long> Confirmed { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var query = db.Set<Notice>().AsNoTracking().Where(n => n.CompoundId == Compound.Id);
        if (Category is not null) query = query.Where(n => n.Category == Category);
        if (!Membership.Can(Capability.PostNotices)) query = query.Where(n => n.PublishedAt != null);
        var all = await query.ToListAsync(ct);
        Notices = all.Where(n => Membership.MayRead(n, Now))
            .OrderByDescending(n => n.Pinned && n.IsCurrent(Now))
            .ThenByDescending(n => n.PublishedAt ?? n.PublishAt)
            .Take(200).ToList();
        var flats = Membership.Ties.Select(t => t.FlatId).ToList();
        var ids = Notices.Select(n => n.Id).ToList();
        Confirmed = (await db.Set<NoticeAcknowledgement>().Where(a => ids.Contains(a.NoticeId) && flats.Contains(a.FlatId))
            .Select(a => a.NoticeId).ToListAsync(ct)).ToHashSet();
    }
}
