using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;

namespace Portal.Features.Votes;

/// <summary>The committee answers an objection (once); the answer is logged.</summary>
public sealed class AnswerObjection(PortalDb db, TimeProvider clock, VoteAuditLog audit)
{
    public async Task RunAsync(long voteId, long compoundId, long objectionId, string answer, string byUserId, CancellationToken ct = default)
    {
        await db.VoteInCompoundAsync(voteId, compoundId, ct);
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var objection = await db.Set<Objection>().FirstOrDefaultAsync(o => o.Id == objectionId && o.VoteId == voteId, ct)
                            ?? throw new DomainException("objection.not_found", "No such objection.");
            objection.AnswerWith(answer, byUserId, clock.GetUtcNow());
            await audit.AppendAsync(voteId, AuditActions.ObjectionAnswered, byUserId, new { objection = objection.Id, answer = objection.Answer }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }
}
