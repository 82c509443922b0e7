using Portal.Domain.Shared;

namespace Portal.Domain.Proposals;

/// <summary>A comment in a proposal's discussion; replies go one level deep.</summary>
public class ProposalComment
{
    public const int BodyMaxLength = 2000;
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);
    /// <summary>At most this many comments per user per minute.</summary>
    public const int RateLimitPerMinute = 5;

    private ProposalComment() { }

    public ProposalComment(long proposalId, ProposalComment? parent, string authorId, string body, DateTimeOffset at)
    {
        if (parent is not null)
        {
            if (parent.ParentId is not null)
                throw new DomainException("comment.reply_too_deep", "Replies go one level deep.");
            if (parent.ProposalId != proposalId)
                throw new DomainException("comment.wrong_proposal", "The reply is for another proposal.");
        }
        ProposalId = proposalId;
        ParentId = parent?.Id;
        AuthorId = authorId;
        Body = Checked(body);
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public long ProposalId { get; private set; }
    public long? ParentId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public int ReportCount { get; private set; }
    public DateTimeOffset? HiddenAt { get; private set; }
    public string? HiddenReason { get; private set; }
    public string? HiddenBy { get; private set; }

    public bool IsHidden => HiddenAt is not null;

    public bool CanBeEditedBy(string userId, DateTimeOffset now) =>
        userId == AuthorId && !IsHidden && now - CreatedAt <= EditWindow;

    public void Edit(string body, string userId, DateTimeOffset at)
    {
        if (userId != AuthorId)
            throw new DomainException("comment.not_author", "Only the author edits a comment.");
        if (IsHidden)
            throw new DomainException("comment.hidden", "A hidden comment cannot be edited.");
        if (at - CreatedAt > EditWindow)
            throw new DomainException("comment.edit_window_passed", "Comments can be edited for 15 minutes.");
        Body = Checked(body);
        EditedAt = at;
    }

    public void Hide(string reason, string byUserId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("comment.reason_required", "Hiding a comment needs a reason.");
        if (IsHidden)
            throw new DomainException("comment.already_hidden", "The comment is already hidden.");
        HiddenAt = at;
        HiddenReason = reason.Trim();
        HiddenBy = byUserId;
    }

    public void CountReport() => ReportCount++;

    private static string Checked(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new DomainException("comment.body_required", "A comment cannot be empty.");
        if (body.Trim().Length > BodyMaxLength)
            throw new DomainException("comment.body_too_long", "The comment is too long.");
        return body.Trim();
    }
}

/// <summary>One resident's report of a comment (once per resident and comment).</summary>
public class ProposalCommentReport
{
    private ProposalCommentReport() { }

    public ProposalCommentReport(long commentId, string userId, DateTimeOffset at)
    {
        CommentId = commentId;
        UserId = userId;
        At = at;
    }

    public long Id { get; private set; }
    public long CommentId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
