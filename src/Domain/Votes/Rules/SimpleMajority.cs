namespace Portal.Domain.Votes;

/// <summary>Advisory poll: no quorum, passes with more than half of participating headcount.</summary>
[VotingRule(2, "simple-majority")]
public sealed class SimpleMajority : IVotingRule
{
    public Fraction? QuorumLine => null;
    public Fraction ApprovalLine => Fraction.MoreThanHalf;

    public bool QuorumMet(Weight eligible, Weight participated) => true;

    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 && Fraction.MoreThanHalf.IsMetBy(agree.Owners, participated.Owners);
}
