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

/// <summary>Residents without a letter asked to be linked to a flat; the committee approves or rejects with a reason
/// (<see cref="ApproveLinkRequest"/>, <see cref="RejectLinkRequest"/>).</summary>
[Requires(Capability.VerifyResidents)]
public class LinkRequestsModel(PortalDb db, ApproveLinkRequest approve, RejectLinkRequest reject, IStringLocalizer<RegisterText> t) : CompoundPageModel
{
    public sealed record Row(long Id, string Account, string Email, string Flat, ResidentRelation Relation, string? Note, DateTimeOffset At,
        LinkRequestStatus Status, string? Reason, Guid? CertificateFileId = null, bool WithLetter = false, string? DecidedBy = null,
        Assisted? AssistedBy = null);

    /// <summary>Who helped the owner send a pending request (楼门长代办), in which role, and the consent form's photo.</summary>
    public sealed record Assisted(string Name, CompoundRoleKind? As, Guid? ConsentFileId);

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Decided { get; private set; } = [];

    [BindProperty] public long RequestId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await (from r in db.Set<LinkRequest>()
                          join u in db.Users on r.UserId equals u.Id
                          join f in db.NamedFlats() on r.FlatId equals f.Flat.Id
                          join d in db.Users on r.DecidedBy equals d.Id into deciders
                          from d in deciders.DefaultIfEmpty()
                          where r.CompoundId == Compound.Id
                          orderby r.Id descending
                          select new { r, u.DisplayName, u.Email, Flat = f, DecidedBy = d == null ? null : d.DisplayName })
            .Take(500).ToListAsync(ct);
        var all = rows.Select(x => new Row(x.r.Id, x.DisplayName, x.Email ?? "", x.Flat.Label, x.r.Relation, x.r.Note,
            x.r.RequestedAt, x.r.Status, x.r.DecisionReason, x.r.CertificateFileId, x.r.InvitationCodeId is not null, x.DecidedBy)).ToList();
        Pending = await WithAssistanceAsync(all.Where(r => r.Status == LinkRequestStatus.Pending).OrderBy(r => r.Id).ToList(), ct);
        Decided = all.Where(r => r.Status != LinkRequestStatus.Pending).ToList();
    }

    private async Task<List<Row>> WithAssistanceAsync(List<Row> pending, CancellationToken ct)
    {
        var ids = pending.Select(r => r.Id).ToList();
        var assisted = await (from r in db.Set<LinkRequest>()
                              join a in db.Set<AssistedSignUp>() on new { r.UserId, r.FlatId } equals new { UserId = a.OwnerUserId, a.FlatId }
                              join u in db.Users on a.AssistedByUserId equals u.Id
                              where ids.Contains(r.Id) && a.Method == AssistMethod.ConsentForm
                              select new { RequestId = r.Id, a.Id, u.DisplayName, a.AssistedAs, a.ConsentFileId }).ToListAsync(ct);
        var newest = assisted.GroupBy(x => x.RequestId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Id)!);
        return pending.Select(r => newest.TryGetValue(r.Id, out var a) ? r with { AssistedBy = new Assisted(a.DisplayName, a.AssistedAs, a.ConsentFileId) } : r).ToList();
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await approve.ApproveAsync(Compound, RequestId, CurrentUserId!, Reason, ct)) return NotFound();
        TempData["Flash"] = t["Requests_Approved"].Value;
        return RedirectToPage("LinkRequests", new { compound = Compound.Code });
    }

    public async Task<IActionResult> OnPostRejectAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!await reject.RejectAsync(Compound, RequestId, CurrentUserId!, Reason, ct)) return NotFound();
        TempData["Flash"] = t["Requests_Rejected"].Value;
        return RedirectToPage("LinkRequests", new { compound = Compound.Code });
    }
}
