using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Features.Residents;

namespace Portal.Pages.Residents;

/// <summary>
/// My flats: the flats this account is linked to; for the ones it owns, the tenants' requests waiting for the owner
/// (<see cref="ApproveTenantLink"/>, <see cref="RefuseTenantLink"/>) and who of the co-owners casts the household's
/// ballot (<see cref="HandOverRepresentative"/>).
/// </summary>
[Authorize]
public class FlatsModel(PortalDb db, ApproveTenantLink approve, RefuseTenantLink refuse, HandOverRepresentative handOver,
    IStringLocalizer<ResidentsText> t) : PageModel
{
    public sealed record MyFlat(string Compound, string CompoundCode, string Flat, ResidentRelation Relation);
    public sealed record Account(long LinkId, string Name, ResidentRelation Relation, bool IsRepresentative, bool IsMe);
    /// <summary>One owner of record this account is an owner or co-owner of: its flats and its owner accounts.</summary>
    public sealed record Household(long OwnerOfRecordId, string Compound, string Flats, List<Account> Accounts)
    {
        public bool IAmRepresentative => Accounts.Any(a => a.IsMe && a.IsRepresentative);
    }
    public sealed record TenantRequest(long Id, string Name, string Flat, ResidentRelation Relation, string? Note, DateTimeOffset At);

    public List<MyFlat> Flats { get; private set; } = [];
    public List<Household> Households { get; private set; } = [];
    public List<TenantRequest> Requests { get; private set; } = [];

    [BindProperty] public long RequestId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public long LinkId { get; set; }

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = await (from l in db.Set<ResidentLink>()
                          join c in db.Set<Compound>() on l.CompoundId equals c.Id
                          join f in db.NamedFlats() on l.FlatId equals f.Flat.Id
                          where l.UserId == UserId && l.UnlinkedAt == null
                          orderby c.Name, l.Id
                          select new { c.Name, c.Code, Flat = f, l.Relation }).ToListAsync(ct);
        Flats = mine.Select(m => new MyFlat(m.Name, m.Code, m.Flat.Label, m.Relation)).ToList();

        var owners = mine.Where(m => m.Relation.MayVote()).Select(m => m.Flat.Flat.OwnerOfRecordId).Distinct().ToList();
        if (owners.Count == 0) return;
        var links = await (from l in db.Set<ResidentLink>()
                           join u in db.Users on l.UserId equals u.Id
                           join f in db.NamedFlats() on l.FlatId equals f.Flat.Id
                           join c in db.Set<Compound>() on l.CompoundId equals c.Id
                           where owners.Contains(f.Flat.OwnerOfRecordId) && l.UnlinkedAt == null
                           select new { l.Id, l.UserId, l.Relation, l.LinkedAt, u.DisplayName, Flat = f, Compound = c.Name }).ToListAsync(ct);
        var designated = await db.Set<OwnerOfRecord>().Where(o => owners.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.VotingRepresentativeUserId, ct);
        foreach (var group in links.Where(l => l.Relation.MayVote()).GroupBy(l => l.Flat.Flat.OwnerOfRecordId))
        {
            // The same rule as VotingRepresentatives, over the rows already loaded.
            var ordered = group.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).ToList();
            var representative = VotingRepresentatives.Choose(ordered.Select(l => l.UserId).Distinct().ToList(), designated.GetValueOrDefault(group.Key));
            var accounts = ordered.DistinctBy(l => l.UserId)
                .Select(l => new Account(l.Id, PhoneNumberRules.MaskIfPhone(l.DisplayName), l.Relation, l.UserId == representative, l.UserId == UserId)).ToList();
            Households.Add(new Household(group.Key, ordered[0].Compound,
                string.Join("、", ordered.Select(l => l.Flat.Label).Distinct()), accounts));
        }

        var requests = await (from r in db.Set<LinkRequest>()
                              join u in db.Users on r.UserId equals u.Id
                              join f in db.NamedFlats() on r.FlatId equals f.Flat.Id
                              where owners.Contains(f.Flat.OwnerOfRecordId) && r.Status == LinkRequestStatus.Pending
                                    && (r.Relation == ResidentRelation.Tenant || r.Relation == ResidentRelation.Family)
                              orderby r.Id
                              select new { r.Id, u.DisplayName, Flat = f, r.Relation, r.Note, r.RequestedAt }).ToListAsync(ct);
        // Only the requester's name: their email and phone stay with the committee.
        Requests = requests.Select(r => new TenantRequest(r.Id, PhoneNumberRules.MaskIfPhone(r.DisplayName), r.Flat.Label, r.Relation, r.Note, r.RequestedAt)).ToList();
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await approve.ApproveAsync(UserId, RequestId, Reason, ct)) return NotFound();
        TempData["Flash"] = t["Flats_Approved"].Value;
        return RedirectToPage("Flats");
    }

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await refuse.RefuseAsync(UserId, RequestId, Reason, ct)) return NotFound();
        TempData["Flash"] = t["Flats_Refused"].Value;
        return RedirectToPage("Flats");
    }

    public async Task<IActionResult> OnPostRepresentativeAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await handOver.HandOverAsync(UserId, LinkId, ct)) return NotFound();
        TempData["Flash"] = t["Flats_RepresentativeSet"].Value;
        return RedirectToPage("Flats");
    }
}
