using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Proposals;
using Portal.Domain.Votes;
using Portal.Features.Votes;

namespace Portal.Features.Proposals;

/// <summary>
/// A proposal put to a vote follows it: accepted to vote → in vote → approved or rejected. An approved upgrade then
/// follows its plan item, whose campaign may already have opened (the funding follow-up may run first).
/// </summary>
public sealed class ProposalVoteFollowUp(PortalDb db, ProposalOperations operations, ProposalFollowsPlanItem lifecycle, TimeProvider clock) : IVoteFollowUp
{
    public Task VoteOpenedAsync(Vote vote, IReadOnlyList<MatterOutcome> matters, CancellationToken ct) =>
        MoveAsync(vote, matters, ProposalStatus.AcceptedToVote, p => p.StartVote(clock.GetUtcNow(), $"vote:{vote.Id}"), then: null, ct);

    public Task VoteFinalAsync(Vote vote, IReadOnlyList<MatterOutcome> outcomes, CancellationToken ct) =>
        MoveAsync(vote, outcomes, ProposalStatus.InVote, p =>
        {
            var passed = outcomes.Where(o => o.ProposalId == p.Id).All(o => o.Passed);
            p.RecordVoteResult(passed, clock.GetUtcNow(), $"vote:{vote.Id}");
        }, then: (compound, p) => p.Status == ProposalStatus.Approved ? lifecycle.CatchUpAsync(compound, p, ct) : Task.FromResult(false), ct);

    private async Task MoveAsync(Vote vote, IReadOnlyList<MatterOutcome> matters, ProposalStatus from, Action<Proposal> move,
        Func<Compound, Proposal, Task<bool>>? then, CancellationToken ct)
    {
        var ids = matters.Where(m => m.ProposalId is not null).Select(m => m.ProposalId!.Value).Distinct().ToList();
        if (ids.Count == 0) return;
        var compound = await db.Set<Compound>().AsNoTracking().FirstAsync(c => c.Id == vote.CompoundId, ct);
        var proposals = await db.Set<Proposal>().Where(p => ids.Contains(p.Id) && p.CompoundId == vote.CompoundId && p.Status == from).ToListAsync(ct);
        foreach (var proposal in proposals)
        {
            move(proposal);
            await operations.TellStatusChangedAsync(compound, proposal, ct);
            if (then is not null) await then(compound, proposal);
        }
        await db.SaveChangesAsync(ct);
    }
}
