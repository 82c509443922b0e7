using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Projects;

/// <summary>What the committee enters for a new item of the renovation plan.</summary>
public sealed record NewPlanItem(PlanCategory Category, string Title, string Description, Scope Scope, long? BudgetFen,
    DateOnly? PlannedStart, DateOnly? PlannedEnd);

/// <summary>The committee adds an item to the compound's renovation plan (upgrades usually come from accepted proposals).</summary>
public sealed class AddPlanItem(PortalDb db, TimeProvider clock)
{
    public async Task<PlanItem> AddAsync(Compound compound, NewPlanItem input, CancellationToken ct = default)
    {
        var item = new PlanItem(compound.Id, input.Category, input.Title, input.Description, input.Scope, input.BudgetFen, null, clock.GetUtcNow());
        item.Revise(item.Title, item.Description, input.BudgetFen, input.PlannedStart, input.PlannedEnd);
        db.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }
}

/// <summary>
/// Moves a plan item along: planned → approved → tendering → in construction → completed (or cancelled). Completion
/// opens the owners' satisfaction survey and tells them; every move is followed up by the features that follow the item.
/// </summary>
public sealed class MovePlanItem(PortalDb db, INotifier notifier, TimeProvider clock, PlanItemFollowUps followUps)
{
    /// <summary>False (and nothing changes) when <paramref name="membership"/> may not make this move; a move the lifecycle refuses throws.</summary>
    public async Task<bool> MoveAsync(Compound compound, PlanItem item, PlanItemStatus to, Membership membership, CancellationToken ct = default)
    {
        if (!MayMove(membership, to)) return false;
        var from = item.Status;
        Stage(compound, item, to);
        await db.SaveChangesAsync(ct);
        await followUps.MovedAsync(item, from, ct);
        return true;
    }

    public static bool MayMove(Membership membership, PlanItemStatus to) => membership.Can(PlanItem.CapabilityToMoveTo(to));

    /// <summary>The move and what it brings with it, in the caller's unit of work (the caller saves and then runs the follow-ups).</summary>
    internal void Stage(Compound compound, PlanItem item, PlanItemStatus to)
    {
        var now = clock.GetUtcNow();
        item.MoveTo(to, now);
        if (to != PlanItemStatus.Completed) return;
        var survey = SatisfactionSurvey.OpenFor(item, now, SatisfactionSurvey.DefaultDuration);
        db.Add(survey);
        notifier.Raise(NotificationKind.SurveyOpened, compound.Id, Audience.OwnersIn(item.Scope), ProjectQueries.Link(compound, item.Id),
            new Dictionary<string, string> { ["title"] = item.Title, ["closesAt"] = Shanghai.Format(survey.ClosesAt) });
    }
}

/// <summary>The committee revises a plan item's text, budget and schedule, and may move it in the same save.</summary>
public sealed class RevisePlanItem(PortalDb db, MovePlanItem moving, PlanItemFollowUps followUps)
{
    public sealed record Revision(string Title, string Description, long? BudgetFen, DateOnly? PlannedStart, DateOnly? PlannedEnd);

    /// <summary>False (and nothing changes) when <paramref name="membership"/> may not make the move.</summary>
    public async Task<bool> ReviseAsync(Compound compound, PlanItem item, Revision revision, PlanItemStatus? moveTo, Membership membership,
        CancellationToken ct = default)
    {
        var from = item.Status;
        var moves = moveTo is { } to && to != from;
        if (moves && !MovePlanItem.MayMove(membership, moveTo!.Value)) return false;
        item.Revise(revision.Title, revision.Description, revision.BudgetFen, revision.PlannedStart, revision.PlannedEnd);
        if (moves) moving.Stage(compound, item, moveTo!.Value);
        await db.SaveChangesAsync(ct);
        if (moves) await followUps.MovedAsync(item, from, ct);
        return true;
    }
}
