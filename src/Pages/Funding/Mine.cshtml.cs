using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

using Portal.Features.Funding;

namespace Portal.Pages.Funding;

/// <summary>The resident's own pledges in this compound, with payments and receipts.</summary>
[Requires(Capability.Participate)]
public class MineModel(PortalDb db) : CompoundPageModel
{
    public sealed record Row(Pledge Pledge, PlanItem Item, List<OfflinePayment> Payments);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Pledges made by this account, or by the household (owner of record) it belongs to.
        var owners = Membership.Ties.Where(t => t.Relation.MayVote()).Select(t => (long?)t.OwnerOfRecordId).ToList();
        var pledges = await db.Set<Pledge>()
            .Where(p => p.CompoundId == Compound.Id && (p.UserId == CurrentUserId || owners.Contains(p.OwnerOfRecordId)))
            .OrderByDescending(p => p.Id).ToListAsync(ct);
        var campaignIds = pledges.Select(p => p.CampaignId).ToList();
        var campaigns = await db.Set<Campaign>().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var itemIds = campaigns.Values.Select(c => c.PlanItemId).ToList();
        var items = await db.Set<PlanItem>().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var pledgeIds = pledges.Select(p => p.Id).ToList();
        var payments = (await db.Set<OfflinePayment>().Where(p => pledgeIds.Contains(p.PledgeId)).ToListAsync(ct)).ToLookup(p => p.PledgeId);
        Rows.AddRange(pledges.Select(p => new Row(p, items[campaigns[p.CampaignId].PlanItemId], payments[p.Id].OrderBy(x => x.PaidOn).ToList())));
    }
}
