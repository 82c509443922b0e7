using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>
/// Late joiners (后加入): after a campaign succeeded, a household that did not pay may join under the scheme's rule
/// (its own part plus an uplift, or a fixed amount) and pays by transfer or cash like any offline pledge. Once the
/// committee closes late joining, no late-join payment is taken.
/// </summary>
public sealed class LateJoining(PortalDb db, FundingQueries queries, HouseholdQuote quotes, PledgeToCampaign desk, TimeProvider clock)
{
    public async Task SetRuleAsync(long planItemId, LateJoinRule rule, int upliftPercent, long fixedFen, CancellationToken ct = default)
    {
        var scheme = await queries.SchemeAsync(planItemId, ct)
            ?? throw new DomainException("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
        scheme.SetLateJoin(rule, upliftPercent, fixedFen);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The household's own part of the item (its share less what its flats' fund accounts pay); 0 for a non-owner.</summary>
    public async Task<long> HouseholdPartAsync(PledgeHolder holder, long planItemId, CancellationToken ct = default) =>
        holder.OwnerOfRecordId is { } o ? (await quotes.ForOwnersAsync(new HashSet<long> { o }, planItemId, ct))?.HouseholdFen ?? 0 : 0;

    /// <summary>What this household would pay to join now; null when it cannot join (closed, nothing to pay, already pledged, campaign not succeeded).</summary>
    public async Task<long?> OfferAsync(Campaign campaign, CostSharingScheme scheme, PledgeHolder holder, Pledge? current, CancellationToken ct = default)
    {
        if (campaign.Status != CampaignStatus.Succeeded || holder.OwnerOfRecordId is null) return null;
        if (current is not null && current.Status is not (PledgeStatus.Released or PledgeStatus.Dropped)) return null;
        return scheme.LateJoinAmountFen(await HouseholdPartAsync(holder, campaign.PlanItemId, ct));
    }

    public async Task<Pledge> JoinAsync(Campaign campaign, PledgeHolder holder, CancellationToken ct = default)
    {
        if (holder.OwnerOfRecordId is not { } owner)
            throw new DomainException("late_join.not_owner", "Only an owner's household joins a cost-sharing scheme.");
        var scheme = await queries.SchemeAsync(campaign.PlanItemId, ct)
            ?? throw new DomainException("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
        var part = await HouseholdPartAsync(holder, campaign.PlanItemId, ct);
        var now = clock.GetUtcNow();
        var pledge = await desk.CurrentAsync(campaign.Id, holder, ct);
        if (pledge is null)
        {
            pledge = Pledge.JoinLate(campaign, scheme, owner, holder.UserId, part, now);
            db.Add(pledge);
        }
        else if (pledge.Status is PledgeStatus.Released or PledgeStatus.Dropped) pledge.RejoinLate(campaign, scheme, part, now);
        else throw AlreadyIn();
        await desk.AssignReferenceAsync(pledge, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (campaign, household) index or the status token: a double click, or another member of the household.
            throw AlreadyIn();
        }
        return pledge;
    }

    private static DomainException AlreadyIn() => new("late_join.already_pledged", "This household has already pledged to this item.");

    /// <summary>Refuses money for a late-join pledge once the committee has closed late joining.</summary>
    public static async Task EnsurePayableAsync(PortalDb db, Pledge pledge, CancellationToken ct)
    {
        if (await IsClosedForAsync(db, pledge, ct))
            throw new DomainException("late_join.closed", "The committee has closed late joining for this item.");
    }

    public static async Task<bool> IsClosedForAsync(PortalDb db, Pledge pledge, CancellationToken ct)
    {
        if (!pledge.IsLateJoin) return false;
        var open = await (from c in db.Set<Campaign>()
                          join s in db.Set<CostSharingScheme>() on c.CostSharingSchemeId equals s.Id
                          where c.Id == pledge.CampaignId
                          select s.LateJoin).FirstOrDefaultAsync(ct);
        return open == LateJoinRule.Closed;
    }
}
