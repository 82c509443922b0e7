using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Features.Funding;
using Portal.Features.Projects;

namespace Portal.Features.Proposals;

/// <summary>
/// One lifecycle for an upgrade: once the vote approves it, the proposal follows the plan item it became and that
/// item's campaign — funding when the campaign opens, in construction, completed. Raised by the plan item and campaign
/// use cases; the vote follow-up calls <see cref="CatchUpAsync"/> after approval, since the campaign may open first.
/// </summary>
public sealed class ProposalFollowsPlanItem(PortalDb db, ProposalOperations operations, TimeProvider clock) : IPlanItemFollowUp, ICampaignFollowUp
{
    public Task CampaignOpenedAsync(Campaign campaign, CancellationToken ct) => FollowAsync(campaign.PlanItemId, ct);

    public Task PlanItemMovedAsync(PlanItem item, PlanItemStatus from, CancellationToken ct) => FollowAsync(item.Id, ct);

    private async Task FollowAsync(long planItemId, CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == planItemId, ct);
        if (item?.ProposalId is not { } proposalId) return;
        var proposal = await db.Set<Proposal>().Include(p => p.Timeline)
            .FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == item.CompoundId, ct);
        if (proposal is null) return;
        var compound = await db.Set<Compound>().AsNoTracking().FirstAsync(c => c.Id == item.CompoundId, ct);
        if (await MoveAlongAsync(compound, proposal, item, ct)) await db.SaveChangesAsync(ct);
    }

    /// <summary>Moves the proposal as far as its plan item and campaign have gone; the caller saves. True when it moved.</summary>
    public async Task<bool> CatchUpAsync(Compound compound, Proposal proposal, CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.ProposalId == proposal.Id && i.CompoundId == proposal.CompoundId, ct);
        return item is not null && await MoveAlongAsync(compound, proposal, item, ct);
    }

    private async Task<bool> MoveAlongAsync(Compound compound, Proposal proposal, PlanItem item, CancellationToken ct)
    {
        var campaignOpened = await db.Set<Campaign>().AnyAsync(c => c.PlanItemId == item.Id, ct);
        if (!proposal.FollowPlanItem(item.Status, campaignOpened, clock.GetUtcNow(), $"plan-item:{item.Id}")) return false;
        await operations.TellStatusChangedAsync(compound, proposal, ct);
        return true;
    }
}
