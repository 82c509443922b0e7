using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Notices;
using Portal.Domain.Residents;

using Portal.Features.Notices;
using Portal.Features.Shared;

namespace Portal.Pages.Notices;

/// <summary>One notice: its text and attachments, one-tap confirmation for residents, the confirmation share for posters.</summary>
[Requires(Capability.ViewCompound)]
public class DetailModel(PortalDb db, NoticeBoard board, TimeProvider clock, IStringLocalizer<NoticesText> t, IStringLocalizer<SharedText> shared) : CompoundPageModel
{
    public Notice Notice { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public List<NoticeAttachment> Attachments { get; private set; } = [];
    /// <summary>The caller's flats the notice is addressed to, and whether each confirmed.</summary>
    public int MyFlatsInScope { get; private set; }
    public int MyFlatsConfirmed { get; private set; }
    public bool CanConfirm { get; private set; }
    public ConfirmationShare? Share { get; private set; }
    /// <summary>The body the author posted for, e.g. 梨花小区居民委员会: the notice's signature.</summary>
    public string SignedBy { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        return Page();
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        await board.AcknowledgeAsync(Notice, CurrentUserId!, Membership.Ties, ct);
        TempData["Flash"] = t["Notice_ConfirmedFlash"].Value;
        return RedirectToPage(new { compound = Compound.Code, id });
    }

    [Requires(Capability.PostNotices)]
    public async Task<IActionResult> OnPostRemindAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        await board.RemindAsync(Notice, Compound, ct);
        TempData["Flash"] = t["Notice_RemindedFlash"].Value;
        return RedirectToPage(new { compound = Compound.Code, id });
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var notice = await db.FindAsync(Compound.Id, id, ct);
        var now = clock.GetUtcNow();
        if (notice is null || !Membership.MayRead(notice, now)) return NotFound();
        Notice = notice;
        BodyHtml = SafeMarkdown.ToHtml(notice.BodyMarkdown);
        SignedBy = await ConvenerName.OfUserAsync(db, Compound, notice.PostedBy, shared, ct);
        Attachments = await db.Set<NoticeAttachment>().AsNoTracking().Where(a => a.NoticeId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var mine = Membership.Ties.Where(x => notice.Covers(x.BuildingId, x.EntranceId)).Select(x => x.FlatId).Distinct().ToList();
        MyFlatsInScope = mine.Count;
        MyFlatsConfirmed = await db.Set<NoticeAcknowledgement>().CountAsync(a => a.NoticeId == id && mine.Contains(a.FlatId), ct);
        CanConfirm = notice.RequiresAcknowledgement && notice.IsCurrent(now) && MyFlatsConfirmed < MyFlatsInScope;
        if (notice.RequiresAcknowledgement && Membership.Can(Capability.PostNotices))
        {
            var flats = await board.FlatsInScopeAsync(notice, ct);
            var confirmed = (await db.Set<NoticeAcknowledgement>().Where(a => a.NoticeId == id).Select(a => a.FlatId).ToListAsync(ct)).ToHashSet();
            Share = ConfirmationShare.Of(flats, confirmed);
        }
        return null;
    }
}

public sealed record ShareRow(string Building, string? Entrance, int Flats, int Confirmed)
{
    public int Percent => Flats == 0 ? 0 : (int)Math.Floor(100.0 * Confirmed / Flats);
}

/// <summary>Share of flats in scope that confirmed, overall, per building and per entrance.</summary>
public sealed record ConfirmationShare(ShareRow Total, IReadOnlyList<(ShareRow Building, IReadOnlyList<ShareRow> Entrances)> Buildings)
{
    public static ConfirmationShare Of(IReadOnlyList<FlatInScope> flats, IReadOnlySet<long> confirmed)
    {
        var buildings = flats.GroupBy(f => (f.BuildingId, f.Building)).OrderBy(g => g.Key.BuildingId)
            .Select(b => (new ShareRow(b.Key.Building, null, b.Count(), b.Count(f => confirmed.Contains(f.FlatId))),
                (IReadOnlyList<ShareRow>)b.GroupBy(f => (f.EntranceId, f.Entrance)).OrderBy(g => g.Key.EntranceId)
                    .Select(e => new ShareRow(b.Key.Building, e.Key.Entrance, e.Count(), e.Count(f => confirmed.Contains(f.FlatId)))).ToList()))
            .ToList();
        return new ConfirmationShare(new ShareRow("", null, flats.Count, flats.Count(f => confirmed.Contains(f.FlatId))), buildings);
    }
}
