using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;

namespace Portal.Features.Funding;

/// <summary>When a vote on an upgrade passes, the upgrade's campaign opens (if its cost-sharing scheme is ready).</summary>
public sealed class FundingVoteFollowUp(PortalDb db, CampaignOpening opening, ILogger<FundingVoteFollowUp> log) : IVoteFollowUp
{
    public Task VoteOpenedAsync(Vote vote, IReadOnlyList<MatterOutcome> matters, CancellationToken ct) => Task.CompletedTask;

    public async Task VoteFinalAsync(Vote vote, IReadOnlyList<MatterOutcome> outcomes, CancellationToken ct)
    {
        var passedProposals = outcomes.Where(o => o.Passed && o.ProposalId is not null).Select(o => o.ProposalId!.Value).ToList();
        if (passedProposals.Count == 0) return;
        var items = await db.Set<PlanItem>().AsNoTracking()
            .Where(i => i.CompoundId == vote.CompoundId && i.ProposalId != null && passedProposals.Contains(i.ProposalId.Value))
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var itemId in items)
        {
            try { await opening.OpenForPassedVoteAsync(itemId, vote.Id, ct); }
            catch (DomainException ex) when (ex.Code == "funding.no_cost_sharing")
            {
                // The committee opens it by hand once the cost sharing is entered.
                log.LogInformation("Vote {VoteId} passed but plan item {ItemId} has no cost-sharing scheme yet", vote.Id, itemId);
            }
        }
    }
}
