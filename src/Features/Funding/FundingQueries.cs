using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Features.Shared;
using Portal.Web;
using Portal.Features.Register;

namespace Portal.Features.Funding;

/// <summary>A flat in a plan item's scope with what the pages show about it.</summary>
public sealed record FlatInScope(FlatForSharing Sharing, string Label);

/// <summary>Reads the funding side of a plan item: its cost-sharing scheme, flats in scope, campaign and what was raised.</summary>
public sealed class FundingQueries(PortalDb db)
{
    public Task<CostSharingScheme?> SchemeAsync(long planItemId, CancellationToken ct = default) =>
        db.Set<CostSharingScheme>().Include(p => p.Sources).Include(p => p.Coefficients).Include(p => p.CustomShares)
            .FirstOrDefaultAsync(p => p.PlanItemId == planItemId, ct);

    public Task<Campaign?> CampaignAsync(long planItemId, CancellationToken ct = default) =>
        db.Set<Campaign>().FirstOrDefaultAsync(c => c.PlanItemId == planItemId, ct);

    public async Task<List<FlatInScope>> FlatsInScopeAsync(PlanItem item, CancellationToken ct = default)
    {
        var rows = await db.FlatsIn(item.CompoundId, item.Scope).AsNoTracking().WithNames(db).OrderBy(r => r.Flat.Id).ToListAsync(ct);
        return rows.Select(r => new FlatInScope(
                new FlatForSharing(r.Flat.Id, r.Flat.OwnerOfRecordId, r.Flat.BuildingId, r.Flat.EntranceId, r.Flat.Floor, r.Flat.ExclusiveAreaCents), r.Label))
            .ToList();
    }

    /// <summary>Total pledged by live pledges, and how many households.</summary>
    public async Task<(long RaisedFen, int Households, long PaidFen)> RaisedAsync(long campaignId, CancellationToken ct = default)
    {
        var live = new[] { PledgeStatus.Pledged, PledgeStatus.CardSaved, PledgeStatus.Charged, PledgeStatus.Paid, PledgeStatus.ActionNeeded };
        var pledges = await db.Set<Pledge>().Where(p => p.CampaignId == campaignId && live.Contains(p.Status))
            .Select(p => new { p.AmountFen, p.PaidFen }).ToListAsync(ct);
        return (pledges.Sum(p => p.AmountFen), pledges.Count, pledges.Sum(p => p.PaidFen));
    }
}
