using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>
/// One item of a compound's renovation plan (改造计划): the hub that proposals become, that cost-sharing schemes and
/// campaigns pay for, and that construction updates, surveys and acceptance follow.
/// </summary>
public class PlanItem
{
    /// <summary>As long as a proposal's description, so a proposal accepted to a vote carries its whole text.</summary>
    public const int DescriptionMaxLength = Proposals.Proposal.DescriptionMaxLength;

    private PlanItem() { }

    public PlanItem(long compoundId, PlanCategory category, string title, string description, Scope scope, long? budgetFen, long? proposalId, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("plan.title_required", "A plan item needs a title.");
        if (budgetFen is < 0)
            throw new DomainException("plan.budget_negative", "A budget cannot be negative.");
        CompoundId = compoundId;
        Category = category;
        Title = title.Trim();
        Description = description.Trim();
        ScopeKind = scope.Kind;
        BuildingId = scope.BuildingId;
        EntranceId = scope.EntranceId;
        BudgetFen = budgetFen;
        ProposalId = proposalId;
        CreatedAt = createdAt;
        Status = PlanItemStatus.Planned;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public PlanCategory Category { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public ScopeKind ScopeKind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    /// <summary>Budget in fen.</summary>
    public long? BudgetFen { get; private set; }
    /// <summary>The proposal this upgrade came from, if any.</summary>
    public long? ProposalId { get; private set; }
    public PlanItemStatus Status { get; private set; }
    public DateOnly? PlannedStart { get; private set; }
    public DateOnly? PlannedEnd { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }

    public Scope Scope => new(ScopeKind, BuildingId, EntranceId);

    public void Revise(string title, string description, long? budgetFen, DateOnly? plannedStart, DateOnly? plannedEnd)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("plan.title_required", "A plan item needs a title.");
        if (budgetFen is < 0)
            throw new DomainException("plan.budget_negative", "A budget cannot be negative.");
        if (plannedStart is not null && plannedEnd is not null && plannedEnd < plannedStart)
            throw new DomainException("plan.end_before_start", "The planned end is before the start.");
        Title = title.Trim();
        Description = description.Trim();
        BudgetFen = budgetFen;
        PlannedStart = plannedStart;
        PlannedEnd = plannedEnd;
    }

    /// <summary>The only moves allowed: planned → approved → tendering → in construction → completed → accepted; cancel before completion.</summary>
    public static bool CanMove(PlanItemStatus from, PlanItemStatus to) => (from, to) switch
    {
        (PlanItemStatus.Planned, PlanItemStatus.Approved) => true,
        (PlanItemStatus.Approved, PlanItemStatus.Tendering) => true,
        (PlanItemStatus.Tendering, PlanItemStatus.InConstruction) => true,
        (PlanItemStatus.InConstruction, PlanItemStatus.Completed) => true,
        (PlanItemStatus.Completed, PlanItemStatus.Accepted) => true,
        (PlanItemStatus.Planned or PlanItemStatus.Approved or PlanItemStatus.Tendering or PlanItemStatus.InConstruction, PlanItemStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>
    /// What a move needs: approving, cancelling and accepting are the owners' committee's decisions; tendering,
    /// construction and completion are the works' progress, posted by the committee or the property manager.
    /// </summary>
    public static Capability CapabilityToMoveTo(PlanItemStatus to) =>
        to is PlanItemStatus.Approved or PlanItemStatus.Cancelled or PlanItemStatus.Accepted
            ? Capability.ManageProjects
            : Capability.PostConstructionUpdates;

    public void MoveTo(PlanItemStatus next, DateTimeOffset at)
    {
        if (!CanMove(Status, next))
            throw new DomainException("plan.illegal_transition", $"A plan item cannot move from {Status} to {next}.");
        Status = next;
        StatusChangedAt = at;
    }
}
