using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>At closing time the vote is counted and the preliminary result posted: the objection period starts.</summary>
public sealed class CloseVote(PortalDb db, TimeProvider clock, VoteCounter counter, VoteAuditLog audit, VoteNotifications notifications,
    IBackgroundJobClient jobs, ILogger<CloseVote> log)
{
    /// <summary>Exactly once (Status is a concurrency token): true for the one run that closed it.</summary>
    public async Task<bool> RunAsync(long voteId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var vote = await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Open) return false;
        if (now < vote.ClosesAt)
        {
            jobs.Schedule<VoteJobs>(j => j.CloseAsync(voteId), vote.ClosesAt);
            return false;
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            vote.Close(now);
            await db.SaveChangesAsync(ct); // UPDATE ... WHERE Status = Open: a second server gets a concurrency error here
            var results = await counter.TallyAsync(voteId, ct);
            await audit.AppendAsync(voteId, AuditActions.Close, "system", new { tally = VoteAuditLog.Summary(results) }, ct);
            vote.PublishPreliminary(now);
            await audit.AppendAsync(voteId, AuditActions.PublishPreliminary, "system", new { objection_deadline = vote.ObjectionDeadline!.Value.UtcTicks }, ct);
            await notifications.RaiseAsync(NotificationKind.VotePreliminaryResult, vote, Audience.OwnersIn(vote.Scope),
                new Dictionary<string, string> { ["objection_deadline"] = Shared.Shanghai.Format(vote.ObjectionDeadline!.Value) }, "/result", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Lost the race to another server (fine), or the database failed (then the job must fail and be retried).
            db.ChangeTracker.Clear();
            var status = await db.Set<Vote>().Where(v => v.Id == voteId).Select(v => v.Status).FirstAsync(ct);
            if (status == VoteStatus.Open) throw;
            log.LogInformation("Vote {VoteId} was closed by another server", voteId);
            return false;
        }
    }
}
