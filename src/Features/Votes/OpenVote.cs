using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>A draft vote opens when its opening time comes (job or sweeper): its electorate is frozen and announced.</summary>
public sealed class OpenVote(PortalDb db, TimeProvider clock, FrozenElectorate electorate, VoteAuditLog audit, VoteCounter counter,
    VoteNotifications notifications, LinkedFeatures linked)
{
    /// <summary>Opens the vote if it is still a draft; exactly once when servers race (false for the losers).</summary>
    public async Task<bool> RunAsync(long voteId, CancellationToken ct = default)
    {
        var vote = await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Draft) return false;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await audit.QueueWritersAsync(voteId, ct); // PostgreSQL: a second opener waits here, then fails at its status check
            if (!await OpenTrackedAsync(vote, "system", ct)) return false; // another server opened it; the rollback undoes our electorate
            await tx.CommitAsync(ct);
        }
        await linked.TellOpenedAsync(vote, ct);
        return true;
    }

    /// <summary>Opens a tracked draft inside the caller's transaction; false when another writer opened it first.</summary>
    internal async Task<bool> OpenTrackedAsync(Vote vote, string actor, CancellationToken ct)
    {
        vote.Open(clock.GetUtcNow());
        var members = await electorate.TakeAsync(vote, ct);
        var matters = await counter.MattersAsync(vote.Id, ct);
        await audit.AppendAsync(vote.Id, AuditActions.Open, actor, new
        {
            title = vote.Title,
            scope = new { kind = vote.ScopeKind.ToString(), building = vote.BuildingId, entrance = vote.EntranceId },
            closes_at = vote.ClosesAt.UtcTicks,
            matters = matters.Select(m => new { id = m.MatterId, rule = m.Rule.Kind.Code, options = m.OptionIds }),
            members = FrozenElectorate.AuditForm(members),
        }, ct);
        await notifications.RaiseAsync(NotificationKind.VoteOpened, vote, Audience.OwnersIn(vote.Scope),
            new Dictionary<string, string> { ["closes"] = Shared.Shanghai.Format(vote.ClosesAt) }, ct: ct);
        try
        {
            await db.SaveChangesAsync(ct); // UPDATE ... WHERE Status = Draft: the second opener's update matches no row
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }
}
