using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;

namespace Portal.Features.Funding;

/// <summary>Ends campaigns: success charges the saved cards (a job), failure or cancellation releases them.</summary>
public sealed class CampaignClosing(PortalDb db, FundingQueries queries, INotifier notifier, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task SucceedAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        var (raised, _, _) = await queries.RaisedAsync(campaignId, ct);
        campaign.Succeed(raised, clock.GetUtcNow());
        await RaiseAsync(campaign, NotificationKind.CampaignSucceeded, ct);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ChargePledges>(j => j.ChargeAsync(campaignId, CancellationToken.None));
    }

    /// <summary>
    /// Money actually received (transfers, cash, cards), together with the saved cards that success charges, reached
    /// the goal: the campaign succeeds now, as the committee would decide, and the saved cards are charged. Does
    /// nothing otherwise; safe to call twice.
    /// </summary>
    public async Task<bool> SucceedIfPaidAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        var (raised, _, paid) = await queries.RaisedAsync(campaignId, ct);
        var onSavedCards = await db.Set<Pledge>().Where(p => p.CampaignId == campaignId && p.Status == PledgeStatus.CardSaved)
            .Select(p => p.AmountFen - p.PaidFen).ToListAsync(ct);
        if (paid <= 0 || paid + onSavedCards.Sum() < campaign.GoalFen || !campaign.CanSucceed(raised, clock.GetUtcNow())) return false;
        await SucceedAsync(campaignId, ct);
        return true;
    }

    public async Task FailAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        campaign.Fail(clock.GetUtcNow());
        await RaiseAsync(campaign, NotificationKind.CampaignFailed, ct);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ChargePledges>(j => j.ReleaseAsync(campaignId, CancellationToken.None));
    }

    /// <summary>The committee cancels: before charging nothing is charged and cards are released; after, payments are refunded.</summary>
    public async Task CancelAsync(long campaignId, bool cancelProject, CancellationToken ct = default)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        var wasSucceeded = campaign.Status == CampaignStatus.Succeeded;
        var now = clock.GetUtcNow();
        campaign.Cancel(now);
        if (cancelProject)
        {
            var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
            if (PlanItem.CanMove(item.Status, PlanItemStatus.Cancelled)) item.MoveTo(PlanItemStatus.Cancelled, now);
        }
        await RaiseAsync(campaign, NotificationKind.CampaignFailed, ct);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ChargePledges>(j => j.ReleaseAsync(campaignId, CancellationToken.None));
        if (wasSucceeded) jobs.Enqueue<ChargePledges>(j => j.RefundAsync(campaignId, CancellationToken.None));
    }

    /// <summary>Recurring: campaigns past their deadline succeed if they can, else fail. Safe to run twice.</summary>
    public async Task CloseDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = await db.Set<Campaign>().Where(c => c.Status == CampaignStatus.Open).ToListAsync(ct);
        foreach (var c in open.Where(c => c.Deadline <= now))
        {
            var (raised, _, _) = await queries.RaisedAsync(c.Id, ct);
            if (c.CanSucceed(raised, now)) await SucceedAsync(c.Id, ct);
            else await FailAsync(c.Id, ct);
        }
    }

    private async Task RaiseAsync(Campaign campaign, NotificationKind kind, CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == campaign.CompoundId).Select(c => c.Code).SingleAsync(ct);
        notifier.Raise(kind, campaign.CompoundId, Audience.ResidentsIn(item.Scope), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["goal"] = Money.FormatYuan(campaign.GoalFen) });
    }
}

/// <summary>Registers the funding feature's recurring jobs when the app starts.</summary>
public sealed class FundingRecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<CampaignClosing>("funding-close-due-campaigns", c => c.CloseDueAsync(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<ChargePledges>("funding-drop-overdue-pledges", c => c.DropOverdueAsync(CancellationToken.None), Cron.Hourly());
        // Closing enqueues the charge after saving; this catches a charge lost when the process died in between.
        recurring.AddOrUpdate<ChargePledges>("funding-charge-succeeded-campaigns", c => c.ChargeSucceededCampaignsAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
