using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>
/// During the objection period an owner in the vote's electorate (owner or co-owner of a flat in scope) objects to the
/// preliminary result; the committee is told.
/// </summary>
public sealed class FileObjection(PortalDb db, TimeProvider clock, VoteAuditLog audit, VoteNotifications notifications)
{
    public async Task RunAsync(long voteId, long compoundId, string userId, string objectionText, CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        if (!vote.AcceptsObjectionsAt(clock.GetUtcNow()))
            throw new DomainException("objection.period_closed", "Objections are taken only during the objection period.");
        var inElectorate = await (from l in db.Set<ResidentLink>()
                                  join f in db.Set<ElectorateFlat>() on l.FlatId equals f.FlatId
                                  where f.VoteId == voteId && l.UserId == userId && l.UnlinkedAt == null
                                        && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                                  select f.Id).AnyAsync(ct);
        if (!inElectorate)
            throw new DomainException("objection.not_in_electorate", "Only owners in the vote's electorate can object.");
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
