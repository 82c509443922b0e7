using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>A matter of a vote and, when it is final, whether it passed.</summary>
public sealed record MatterOutcome(long MatterId, long? ProposalId, bool Passed);

/// <summary>
/// What other features do when a vote opens or its result becomes final: a linked proposal moves to "in vote" and
/// then to approved or rejected; a passed upgrade opens its funding campaign. Called after the vote's own change is
/// committed; each follow-up saves its own work, and one failing does not undo the vote.
/// </summary>
public interface IVoteFollowUp
{
    Task VoteOpenedAsync(Vote vote, IReadOnlyList<MatterOutcome> matters, CancellationToken ct);
    Task VoteFinalAsync(Vote vote, IReadOnlyList<MatterOutcome> outcomes, CancellationToken ct);
}

/// <summary>Tells every <see cref="IVoteFollowUp"/>; a failure there is logged, not thrown: the vote stands.</summary>
public sealed class LinkedFeatures(PortalDb db, VoteCounter counter, IEnumerable<IVoteFollowUp> followUps, ILogger<LinkedFeatures> log)
{
    public Task TellOpenedAsync(Vote vote, CancellationToken ct) => TellAsync(vote, final: false, ct);

    public Task TellFinalAsync(Vote vote, CancellationToken ct) => TellAsync(vote, final: true, ct);

    private async Task TellAsync(Vote vote, bool final, CancellationToken ct)
    {
        var matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == vote.Id).ToListAsync(ct);
        var passed = final ? (await counter.TallyAsync(vote.Id, ct)).ToDictionary(r => r.MatterId, r => r.Passed) : [];
        // An advisory poll (意见征询) never moves a proposal or opens a campaign: its matters are not passed on.
        var outcomes = matters.Where(m => MatterRules.Binds(m.VotingRule()))
            .Select(m => new MatterOutcome(m.Id, m.ProposalId, passed.GetValueOrDefault(m.Id))).ToList();
        if (outcomes.Count == 0) return;
        foreach (var followUp in followUps)
        {
            try
            {
                if (final) await followUp.VoteFinalAsync(vote, outcomes, ct);
                else await followUp.VoteOpenedAsync(vote, outcomes, ct);
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning(ex, "Follow-up {FollowUp} of vote {VoteId} failed", followUp.GetType().Name, vote.Id);
                db.ChangeTracker.Clear();
            }
        }
    }
}
