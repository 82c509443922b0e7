using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>
/// What other features do when a plan item's campaign opens: a proposal that became the item moves to "funding".
/// Called after the campaign is committed; each follow-up saves its own work, and one failing does not undo the campaign.
/// </summary>
public interface ICampaignFollowUp
{
    Task CampaignOpenedAsync(Campaign campaign, CancellationToken ct);
}

/// <summary>Runs the campaign follow-ups; a failure is logged, not thrown: the campaign stands.</summary>
public sealed class CampaignFollowUps(PortalDb db, IEnumerable<ICampaignFollowUp> followUps, ILogger<CampaignFollowUps> log)
{
    public async Task OpenedAsync(Campaign campaign, CancellationToken ct)
    {
        foreach (var followUp in followUps)
        {
            try
            {
                await followUp.CampaignOpenedAsync(campaign, ct);
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning(ex, "Follow-up {FollowUp} of campaign {CampaignId} failed", followUp.GetType().Name, campaign.Id);
                db.ChangeTracker.Clear();
            }
        }
    }
}
