using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Register;

namespace Portal.Features.Proposals;

/// <summary>
/// Proposals whose support period has ended without reaching the committee expire (hourly, and safe to run twice):
/// they leave the list of those collecting support, and the author and supporters are told.
/// </summary>
public sealed class ExpireProposals(PortalDb db, ProposalOperations operations, TimeProvider clock)
{
    public const string RecurringId = "proposals-expire-due";

    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<Proposal>().Where(p => p.Status == ProposalStatus.Published && p.SupportClosesAt <= now)
            .Select(p => p.Id).ToListAsync(ct);
        var expired = 0;
        foreach (var id in due)
        {
            var proposal = await db.Set<Proposal>().Include(p => p.Timeline).SingleAsync(p => p.Id == id, ct);
            if (!proposal.ExpireIfDue(now)) continue;
            var compound = await db.Set<Compound>().SingleAsync(c => c.Id == proposal.CompoundId, ct);
            await operations.TellStatusChangedAsync(compound, proposal, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A support or a review got there first; the next run looks again.
            }
            db.ChangeTracker.Clear();
        }
        return expired;
    }
}

/// <summary>Registers the proposals feature's recurring job when the app starts.</summary>
public sealed class ProposalRecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ExpireProposals>(ExpireProposals.RecurringId, e => e.ExpireDueAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
