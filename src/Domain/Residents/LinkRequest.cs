using Portal.Domain.Shared;

namespace Portal.Domain.Residents;

public enum LinkRequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>A resident without a letter asks the committee to link their account to a flat.</summary>
public class LinkRequest
{
    private LinkRequest() { }

    public LinkRequest(string userId, long compoundId, long flatId, ResidentRelation relation, string? note, DateTimeOffset at)
    {
        UserId = userId;
        CompoundId = compoundId;
        FlatId = flatId;
        Relation = relation;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RequestedAt = at;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public ResidentRelation Relation { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public LinkRequestStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionReason { get; private set; }
    /// <summary>
    /// An owner who has the letter but not the register's phone attaches a photo of the property certificate; only the
    /// committee sees it, and it is deleted once the request is decided (<see cref="ForgetCertificate"/>).
    /// </summary>
    public Guid? CertificateFileId { get; private set; }
    /// <summary>Set when the letter's code came with the request: the requester had the flat's letter.</summary>
    public long? InvitationCodeId { get; private set; }

    public void AttachCertificate(Guid fileId, long? invitationCodeId)
    {
        EnsurePending();
        CertificateFileId = fileId;
        InvitationCodeId = invitationCodeId;
    }

    public Guid? ForgetCertificate()
    {
        var id = CertificateFileId;
        CertificateFileId = null;
        return id;
    }

    public ResidentLink Approve(string byUserId, DateTimeOffset at, string? reason)
    {
        EnsurePending();
        Status = LinkRequestStatus.Approved;
        DecidedAt = at;
        DecidedBy = byUserId;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return new ResidentLink(UserId, CompoundId, FlatId, Relation, at, $"request:{Id}");
    }

    public void Reject(string byUserId, DateTimeOffset at, string reason)
    {
        EnsurePending();
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("link_request.reason_required", "A reason is required to reject a request.");
        Status = LinkRequestStatus.Rejected;
        DecidedAt = at;
        DecidedBy = byUserId;
        DecisionReason = reason.Trim();
    }

    private void EnsurePending()
    {
        if (Status != LinkRequestStatus.Pending)
            throw new DomainException("link_request.already_decided", "This request has already been decided.");
    }
}
