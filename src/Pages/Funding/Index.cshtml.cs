using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

using Portal.Features.Funding;

namespace Portal.Pages.Funding;

/// <summary>The compound's co-funded items: campaigns for residents; every plan item for the committee.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db, FundingQueries queries) : CompoundPageModel
{
    public sealed record Row(PlanItem Item, bool HasCostSharing, Campaign? Campaign, long RaisedFen, int Households);

    public List<Row> Rows { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var items = await db.Set<PlanItem>().Where(p => p.CompoundId == Compound.Id).OrderByDescending(p => p.Id).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var shared = (await db.Set<CostSharingScheme>().Where(p => ids.Contains(p.PlanItemId)).Select(p => p.PlanItemId).ToListAsync(ct)).ToHashSet();
        var campaigns = await db.Set<Campaign>().Where(c => ids.Contains(c.PlanItemId)).ToDictionaryAsync(c => c.PlanItemId, ct);
        var committee = Membership.Can(Capability.ManageFunding);
        foreach (var item in items)
        {
            var campaign = campaigns.GetValueOrDefault(item.Id);
            if (campaign is null && !committee) continue;
            var (raised, households, _) = campaign is null ? (0L, 0, 0L) : await queries.RaisedAsync(campaign.Id, ct);
            Rows.Add(new Row(item, shared.Contains(item.Id), campaign, raised, households));
        }
        return Page();
    }
}
