using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Shared;

namespace Portal.Features.Projects;

/// <summary>
/// What other features do when a plan item moves: the proposal it came from follows it into construction and to
/// completion. Called after the move is committed; each follow-up saves its own work, and one failing does not undo the move.
/// </summary>
public interface IPlanItemFollowUp
{
    Task PlanItemMovedAsync(PlanItem item, PlanItemStatus from, CancellationToken ct);
}

/// <summary>Runs the plan item follow-ups; a failure is logged, not thrown: the move stands.</summary>
public sealed class PlanItemFollowUps(PortalDb db, IEnumerable<IPlanItemFollowUp> followUps, ILogger<PlanItemFollowUps> log)
{
    public async Task MovedAsync(PlanItem item, PlanItemStatus from, CancellationToken ct)
    {
        foreach (var followUp in followUps)
        {
            try
            {
                await followUp.PlanItemMovedAsync(item, from, ct);
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning(ex, "Follow-up {FollowUp} of plan item {ItemId} moving from {From} failed", followUp.GetType().Name, item.Id, from);
                db.ChangeTracker.Clear();
            }
        }
    }
}
