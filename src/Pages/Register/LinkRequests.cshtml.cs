using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>Residents without a letter asked to be linked to a flat; the committee approves or rejects with a reason.</summary>
[Requires(Capability.VerifyResidents)]
public class LinkRequestsModel(PortalDb db, TimeProvider clock, INotifier notifier, IStringLocalizer<RegisterText> t) : CompoundPageModel
{
    public sealed record Row(long Id, string Account, string Email, string Flat, ResidentRelation Relation, string? Note, DateTimeOffset At,
        LinkRequestStatus Status, string? Reason);

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Decided { get; private set; } = [];

    [BindProperty] public long RequestId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await (from r in db.Set<LinkRequest>()
                          join u in db.Users on r.UserId equals u.Id
                          join f in db.NamedFlats() on r.FlatId equals f.Flat.Id
                          where r.CompoundId == Compound.Id
                          orderby r.Id descending
                          select new { r, u.DisplayName, u.Email, Flat = f })
            .Take(500).ToListAsync(ct);
        var all = rows.Select(x => new Row(x.r.Id, x.DisplayName, x.Email ?? "", x.Flat.Label, x.r.Relation, x.r.Note,
            x.r.RequestedAt, x.r.Status, x.r.DecisionReason)).ToList();
        Pending = all.Where(r => r.Status == LinkRequestStatus.Pending).OrderBy(r => r.Id).ToList();
        Decided = all.Where(r => r.Status != LinkRequestStatus.Pending).ToList();
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => DecideAsync(approve: true, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync(approve: false, ct);

    private async Task<IActionResult> DecideAsync(bool approve, CancellationToken ct)
    {
        var request = await db.Set<LinkRequest>().FirstOrDefaultAsync(r => r.Id == RequestId && r.CompoundId == Compound.Id, ct);
        if (request is null) return NotFound();
        if (request.Status != LinkRequestStatus.Pending)
        {
            TempData["Flash"] = t["Requests_AlreadyDecided"].Value;
            return RedirectToPage("LinkRequests", new { compound = Compound.Code });
        }
        if (!approve && string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), t["Requests_ReasonRequired"]);
            await OnGetAsync(ct);
            return Page();
        }
        var now = clock.GetUtcNow();
        var reason = Reason?.Trim() is { Length: > 500 } long_ ? long_[..500] : Reason?.Trim();
        if (approve) db.Add(request.Approve(CurrentUserId!, now, reason));
        else request.Reject(CurrentUserId!, now, reason!);
        notifier.Raise(NotificationKind.LinkRequestDecided, Compound.Id, Audience.Users(request.UserId), "/residents/request",
            new Dictionary<string, string>
            {
                ["compound"] = Compound.Name,
                ["status"] = request.Status.ToString(),
                ["reason"] = reason ?? "",
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = t["Requests_AlreadyDecided"].Value;
            return RedirectToPage("LinkRequests", new { compound = Compound.Code });
        }
        TempData["Flash"] = (approve ? t["Requests_Approved"] : t["Requests_Rejected"]).Value;
        return RedirectToPage("LinkRequests", new { compound = Compound.Code });
    }
}
