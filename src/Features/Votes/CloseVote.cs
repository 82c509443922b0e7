using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>
/// At closing time the vote stops taking online ballots and is counted (<see cref="VoteStatus.Counting"/>): during the
/// rules' counting days the committee still enters paper ballots received before closing; then the scrutineers sign
/// off the count (<see cref="SignOffCount"/>) and the preliminary result is posted.
/// </summary>
public sealed class CloseVote(PortalDb db, TimeProvider clock, VoteCounter counter, VoteAuditLog audit,
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
            await audit.AppendAsync(voteId, AuditActions.Close, "system",
                new { tally = VoteAuditLog.Summary(results), counting_ends = vote.CountingEndsAt!.Value.UtcTicks }, ct);
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
