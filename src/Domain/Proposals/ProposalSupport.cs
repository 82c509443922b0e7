namespace Portal.Domain.Proposals;

/// <summary>A resident's support (附议) for a proposal; one per resident and proposal (a unique index guards double clicks).</summary>
public class ProposalSupport
{
    private ProposalSupport() { }

    public ProposalSupport(long proposalId, string userId, DateTimeOffset at, long? carriedFromProposalId = null)
    {
        ProposalId = proposalId;
        UserId = userId;
        At = at;
        CarriedFromProposalId = carriedFromProposalId;
    }

    public long Id { get; private set; }
    public long ProposalId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    /// <summary>Set when the support came over from a proposal merged into this one.</summary>
    public long? CarriedFromProposalId { get; private set; }
}
