using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>Accounts linked to the compound's flats; the committee unlinks (moving out, sale) with a reason, history kept
/// (<see cref="UnlinkResident"/>).</summary>
[Requires(Capability.VerifyResidents)]
public class ResidentsModel(PortalDb db, UnlinkResident unlink, Portal.Features.Residents.DesignateRepresentative designate, IStringLocalizer<RegisterText> t) : CompoundPageModel
{
    public sealed record Row(long Id, string Account, string Email, string Flat, ResidentRelation Relation, DateTimeOffset LinkedAt,
        DateTimeOffset? UnlinkedAt, string? UnlinkReason, bool IsRepresentative = false);

    public List<Row> Active { get; private set; } = [];
    public List<Row> History { get; private set; } = [];

    [BindProperty] public long LinkId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await (from l in db.Set<ResidentLink>()
                          join u in db.Users on l.UserId equals u.Id
                          join f in db.NamedFlats() on l.FlatId equals f.Flat.Id
                          where l.CompoundId == Compound.Id
                          orderby l.Id descending
                          select new { l, u.DisplayName, u.Email, Flat = f })
            .Take(2000).ToListAsync(ct);
        // Who votes for each owner of record: the same rule as VotingRepresentatives, over the rows already loaded.
        var designated = await db.Set<OwnerOfRecord>().Where(o => o.CompoundId == Compound.Id && o.VotingRepresentativeUserId != null)
            .ToDictionaryAsync(o => o.Id, o => o.VotingRepresentativeUserId, ct);
        var representatives = rows.Where(x => x.l.UnlinkedAt is null && x.l.Relation.MayVote())
            .GroupBy(x => x.Flat.Flat.OwnerOfRecordId)
            .ToDictionary(g => g.Key, g => Portal.Features.Residents.VotingRepresentatives.Choose(
                g.OrderBy(x => x.l.LinkedAt).ThenBy(x => x.l.Id).Select(x => x.l.UserId).Distinct().ToList(), designated.GetValueOrDefault(g.Key)));
        var all = rows.Select(x => new Row(x.l.Id, x.DisplayName, x.Email ?? "", x.Flat.Label, x.l.Relation,
            x.l.LinkedAt, x.l.UnlinkedAt, x.l.UnlinkReason,
            x.l.UnlinkedAt is null && x.l.Relation.MayVote() && representatives.GetValueOrDefault(x.Flat.Flat.OwnerOfRecordId) == x.l.UserId)).ToList();
        Active = all.Where(r => r.UnlinkedAt is null).OrderBy(r => r.Flat, StringComparer.Ordinal).ToList();
        History = all.Where(r => r.UnlinkedAt is not null).ToList();
    }

    public async Task<IActionResult> OnPostRepresentativeAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await designate.DesignateAsync(Compound.Id, LinkId, CurrentUserId!, ct)) return NotFound();
        TempData["Flash"] = t["Residents_RepresentativeSet"].Value;
        return RedirectToPage("Residents", new { compound = Compound.Code });
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await unlink.UnlinkAsync(Compound.Id, LinkId, CurrentUserId!, Reason, ct)) return NotFound();
        TempData["Flash"] = t["Residents_Unlinked"].Value;
        return RedirectToPage("Residents", new { compound = Compound.Code });
    }
}
