using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>
/// The safety net behind the jobs <see cref="CreateVote"/> schedules after saving the vote (a crash in between loses
/// them): every minute, drafts whose opening time has come are opened, open votes past closing are closed, and a due
/// reminder that was missed is sent. Each step is exactly once whoever runs it first, the job or the sweeper; each vote
/// runs in its own scope so one failing vote does not stop the others. A draft whose closing time passed before it
/// opened stays a draft: it never took ballots.
/// </summary>
public sealed class SweepDueVotes(PortalDb db, TimeProvider clock, IServiceScopeFactory scopes, ILogger<SweepDueVotes> log)
{
    public const string RecurringId = "votes-sweep-due";

    public async Task RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var drafts = await db.Set<Vote>().Where(v => v.Status == VoteStatus.Draft && v.OpensAt <= now && v.ClosesAt > now)
            .Select(v => v.Id).ToListAsync(ct);
        var open = await db.Set<Vote>().AsNoTracking().Where(v => v.Status == VoteStatus.Open).ToListAsync(ct);
        foreach (var id in drafts) await EachAsync(id, (sp, id) => sp.GetRequiredService<OpenVote>().RunAsync(id, ct));
        foreach (var vote in open.Where(v => v.ClosesAt <= now))
            await EachAsync(vote.Id, (sp, id) => sp.GetRequiredService<CloseVote>().RunAsync(id, ct));
        foreach (var vote in open.Where(v => v.ClosesAt > now && RemindNonVoters.RemindsAt(v) <= now))
            await EachAsync(vote.Id, async (sp, id) => { await sp.GetRequiredService<RemindNonVoters>().RunAsync(id, ct); return true; });
    }

    private async Task EachAsync(long voteId, Func<IServiceProvider, long, Task<bool>> step)
    {
        using var scope = scopes.CreateScope();
        try
        {
            await step(scope.ServiceProvider, voteId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Sweeping vote {VoteId} failed; the next sweep tries again", voteId);
        }
    }
}

/// <summary>Registers the votes' recurring sweep with Hangfire when the app starts.</summary>
public sealed class VoteRecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<SweepDueVotes>(SweepDueVotes.RecurringId, s => s.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
