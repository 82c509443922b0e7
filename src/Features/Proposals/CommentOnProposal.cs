using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Proposals;

namespace Portal.Features.Proposals;

public enum CommentOutcome { Posted, NoSuchParent, RateLimited }

/// <summary>Residents discuss a proposal: comment or reply (one level), edit their own comment for a while, report one.</summary>
public sealed class CommentOnProposal(PortalDb db, TimeProvider clock)
{
    /// <summary>Throws a domain error for a bad comment (empty, too long, a reply to a reply).</summary>
    public async Task<CommentOutcome> CommentAsync(long proposalId, long? parentId, string authorId, string body, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var parent = parentId is null ? null
            : await db.Set<ProposalComment>().FirstOrDefaultAsync(c => c.Id == parentId && c.ProposalId == proposalId, ct);
        if (parentId is not null && parent is null) return CommentOutcome.NoSuchParent;

        var since = now.AddMinutes(-1);
        var recent = await db.Set<ProposalComment>().CountAsync(c => c.AuthorId == authorId && c.CreatedAt > since, ct);
        if (recent >= ProposalComment.RateLimitPerMinute) return CommentOutcome.RateLimited;
        db.Add(new ProposalComment(proposalId, parent, authorId, body, now));
        await db.SaveChangesAsync(ct);
        return CommentOutcome.Posted;
    }

    /// <summary>The author edits within the edit window; throws a domain error otherwise.</summary>
    public async Task EditAsync(ProposalComment comment, string userId, string body, CancellationToken ct = default)
    {
        comment.Edit(body, userId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reports a comment to the committee; once per resident.</summary>
    public async Task ReportAsync(ProposalComment comment, string userId, CancellationToken ct = default)
    {
        if (await db.Set<ProposalCommentReport>().AnyAsync(r => r.CommentId == comment.Id && r.UserId == userId, ct)) return;
        db.Add(new ProposalCommentReport(comment.Id, userId, clock.GetUtcNow()));
        comment.CountReport();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* reported twice at once: once is enough */ }
    }
}

/// <summary>The committee hides a comment with a reason its author sees.</summary>
public sealed class HideComment(PortalDb db, TimeProvider clock)
{
    public async Task HideAsync(ProposalComment comment, string reason, string byUserId, CancellationToken ct = default)
    {
        comment.Hide(reason, byUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
