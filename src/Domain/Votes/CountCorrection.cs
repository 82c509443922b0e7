using Portal.Domain.Shared;

namespace Portal.Domain.Votes;

/// <summary>
/// A logged correction of the count after an objection (e.g. a mis-entered paper ballot): the owner's choices before
/// and after, with the evidence. The tally is recomputed and a new preliminary result published.
/// </summary>
public class CountCorrection
{
    private CountCorrection() { }

    public CountCorrection(long voteId, long? objectionId, long ownerOfRecordId, long? flatId, string choicesBefore, string choicesAfter,
        string evidence, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(evidence))
            throw new DomainException("correction.evidence_required", "A correction needs its evidence.");
        VoteId = voteId;
        ObjectionId = objectionId;
        OwnerOfRecordId = ownerOfRecordId;
        FlatId = flatId;
        ChoicesBefore = choicesBefore;
        ChoicesAfter = choicesAfter;
        Evidence = evidence.Trim();
        By = by;
        At = at;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long? ObjectionId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public long? FlatId { get; private set; }
    public string ChoicesBefore { get; private set; } = "";
    public string ChoicesAfter { get; private set; } = "";
    public string Evidence { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
