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
