using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>During the objection period an owner objects to the preliminary result; the committee is told.</summary>
public sealed class FileObjection(PortalDb db, TimeProvider clock, VoteAuditLog audit, VoteNotifications notifications)
{
    public async Task RunAsync(long voteId, long compoundId, string userId, string objectionText, CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        if (!vote.AcceptsObjectionsAt(clock.GetUtcNow()))
            throw new DomainException("objection.period_closed", "Objections are taken only during the objection period.");
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var objection = new Objection(voteId, userId, objectionText, clock.GetUtcNow());
            db.Add(objection);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(voteId, AuditActions.ObjectionFiled, userId, new { objection = objection.Id, text = objection.Text }, ct);
            await notifications.RaiseAsync(NotificationKind.ObjectionFiled, vote, Audience.WithRole(CompoundRoleKind.Committee), page: "/result", ct: ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }
}
