using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>After the objection period, with every objection answered, the committee publishes the final result.</summary>
public sealed class PublishResult(PortalDb db, TimeProvider clock, VoteCounter counter, VoteAuditLog audit, VoteNotifications notifications,
    LinkedFeatures linked)
{
    public async Task RunAsync(long voteId, long compoundId, string byUserId, CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        var unanswered = await db.Set<Objection>().CountAsync(o => o.VoteId == voteId && o.Answer == null, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            vote.PublishFinal(clock.GetUtcNow(), unanswered);
            var results = await counter.TallyAsync(voteId, ct);
            await audit.AppendAsync(voteId, AuditActions.PublishFinal, byUserId, new { tally = VoteAuditLog.Summary(results) }, ct);
            await notifications.RaiseAsync(NotificationKind.VoteFinalResult, vote, Audience.OwnersIn(vote.Scope), page: "/result", ct: ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await linked.TellFinalAsync(vote, ct);
    }
}
