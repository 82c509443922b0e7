namespace Portal.Domain.Proposals;

/// <summary>
/// A household's support (附议) for a proposal, given by one of its residents: one per flat (as the threshold counts
/// flats in scope) and one per resident; unique indexes guard double clicks and two residents of one flat at once.
/// </summary>
public class ProposalSupport
{
    private ProposalSupport() { }

    public ProposalSupport(long proposalId, string userId, long? flatId, DateTimeOffset at, long? carriedFromProposalId = null)
    {
        ProposalId = proposalId;
        UserId = userId;
        FlatId = flatId;
        At = at;
        CarriedFromProposalId = carriedFromProposalId;
    }

    public long Id { get; private set; }
    public long ProposalId { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>The household supporting; null only for support given before supports were counted per flat.</summary>
    public long? FlatId { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>Set when the support came over from a proposal merged into this one.</summary>
    public long? CarriedFromProposalId { get; private set; }
}
