using Portal.Domain.Shared;

namespace Portal.Domain.Residents;

/// <summary>A verified tie between a user account and a flat. Unlinking keeps the history.</summary>
public class ResidentLink
{
    private ResidentLink() { }

    public ResidentLink(string userId, long compoundId, long flatId, ResidentRelation relation, DateTimeOffset linkedAt, string linkedBy)
    {
        UserId = userId;
        CompoundId = compoundId;
        FlatId = flatId;
        Relation = relation;
        LinkedAt = linkedAt;
        LinkedBy = linkedBy;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public ResidentRelation Relation { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
    /// <summary>How the link was made: "letter:CODE-ID", "request:ID", "seed", or a committee member's user id.</summary>
    public string LinkedBy { get; private set; } = "";
    public DateTimeOffset? UnlinkedAt { get; private set; }
    public string? UnlinkReason { get; private set; }
    public string? UnlinkedBy { get; private set; }

    public bool IsActive => UnlinkedAt is null;

    public void Unlink(DateTimeOffset at, string byUserId, string reason)
    {
        if (!IsActive)
            throw new DomainException("resident.already_unlinked", "This link has already been removed.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("resident.unlink_reason_required", "A reason is required to unlink.");
        UnlinkedAt = at;
        UnlinkedBy = byUserId;
        UnlinkReason = reason.Trim();
    }
}
