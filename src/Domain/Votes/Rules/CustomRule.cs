namespace Portal.Domain.Votes;

/// <summary>Lines set by the committee for area and headcount, each inclusive or exclusive.</summary>
[VotingRule(3, "custom")]
public sealed class CustomRule(RuleLines lines) : ICommitteeSetRule
{
    public CustomRule(Fraction quorumArea, Fraction quorumOwners, Fraction approvalArea, Fraction approvalOwners)
        : this(new RuleLines(quorumArea, quorumOwners, approvalArea, approvalOwners)) { }

    public RuleLines Lines { get; } = lines;
    public Fraction? QuorumLine => Lines.QuorumArea;
    public Fraction ApprovalLine => Lines.ApprovalArea;

    public bool QuorumMet(Weight eligible, Weight participated) =>
        eligible.Owners > 0 &&
        Lines.QuorumArea.IsMetBy(participated.AreaCents, eligible.AreaCents) &&
        Lines.QuorumOwners.IsMetBy(participated.Owners, eligible.Owners);

    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 &&
        Lines.ApprovalArea.IsMetBy(agree.AreaCents, participated.AreaCents) &&
        Lines.ApprovalOwners.IsMetBy(agree.Owners, participated.Owners);
}
