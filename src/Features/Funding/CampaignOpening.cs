using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Shared;
using Portal.Notifications;

namespace Portal.Features.Funding;

/// <summary>
/// Opens the campaign that collects a plan item's residents' share. The votes feature calls
/// <see cref="OpenForPassedVoteAsync"/> when a vote on the item passes; the committee opens campaigns by hand too
/// (voluntary items).
/// </summary>
public sealed class CampaignOpening(PortalDb db, FundingQueries queries, INotifier notifier, TimeProvider clock, IOptions<FundingSettings> settings,
    CampaignFollowUps followUps)
{
    /// <summary>
    /// Opens an all-or-nothing campaign for the item's residents' share with the default deadline. Safe to call twice:
    /// an item has one campaign, and the existing one is returned. Throws funding.no_cost_sharing when the item has no
    /// cost-sharing scheme.
    /// </summary>
    public async Task<Campaign> OpenForPassedVoteAsync(long planItemId, long? voteId = null, CancellationToken ct = default)
    {
        var existing = await queries.CampaignAsync(planItemId, ct);
        if (existing is not null) return existing;
        var scheme = await queries.SchemeAsync(planItemId, ct) ?? throw NoScheme();
        if (voteId is not null) scheme.LinkVote(voteId.Value);
        var now = clock.GetUtcNow();
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId, ct)
            ?? throw new DomainException("funding.no_item", "There is no such plan item.");
        var goal = scheme.ToCollectFen((await queries.FlatsInScopeAsync(item, ct)).Select(f => f.Sharing));
        return await OpenAsync(planItemId, goal, now.AddDays(settings.Value.DefaultCampaignDays), CampaignMode.AllOrNothing, 0,
            voteId is null ? "system" : $"vote:{voteId}", ct);
    }

    /// <summary>The committee opens a campaign with its own goal, deadline, mode and minimum pledge.</summary>
    public async Task<Campaign> OpenAsync(long planItemId, long goalFen, DateTimeOffset deadline, CampaignMode mode, long minimumPledgeFen,
        string openedBy, CancellationToken ct = default)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId, ct)
            ?? throw new DomainException("funding.no_item", "There is no such plan item.");
        if (item.Status == PlanItemStatus.Cancelled)
            throw new DomainException("funding.item_cancelled", "The plan item is cancelled.");
        var scheme = await queries.SchemeAsync(planItemId, ct) ?? throw NoScheme();
        if (await queries.CampaignAsync(planItemId, ct) is not null)
            throw new DomainException("campaign.exists", "This plan item already has a campaign.");
        var campaign = new Campaign(item.CompoundId, item.Id, scheme.Id, goalFen, deadline, mode, minimumPledgeFen, clock.GetUtcNow(), openedBy);
        db.Add(campaign);
        var code = await db.Set<Compound>().Where(c => c.Id == item.CompoundId).Select(c => c.Code).SingleAsync(ct);
        notifier.Raise(NotificationKind.CampaignOpened, item.CompoundId, Audience.ResidentsIn(item.Scope), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["goal"] = Money.FormatYuan(goalFen), ["deadline"] = deadline.ToString("O") });
        await db.SaveChangesAsync(ct);
        await followUps.OpenedAsync(campaign, ct);
        return campaign;
    }

    private static DomainException NoScheme() =>
        new("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
}
