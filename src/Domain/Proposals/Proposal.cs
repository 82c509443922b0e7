using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Domain.Proposals;

/// <summary>
/// A resident's proposal for an optional upgrade (an e-bike charging shed, an elevator for an entrance...).
/// Its status moves only through the named methods below; every move appends a public timeline entry.
/// </summary>
public class Proposal
{
    public const int MaxPhotos = 6;
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 8000;
    /// <summary>How long a published proposal collects support.</summary>
    public static readonly TimeSpan SupportPeriod = TimeSpan.FromDays(60);

    private readonly List<ProposalTimelineEntry> _timeline = [];
    private readonly List<ProposalPhoto> _photos = [];

    private Proposal() { }

    public Proposal(long compoundId, string authorId, string title, string description, ProposalCategory category, Scope scope,
        long? estimatedCostFen, CostSharingMethod? suggestedCostSharing, DateTimeOffset at)
    {
        CompoundId = compoundId;
        AuthorId = authorId;
        CreatedAt = at;
        Revise(title, description, category, scope, estimatedCostFen, suggestedCostSharing);
        Status = ProposalStatus.Draft;
        StatusChangedAt = at;
        _timeline.Add(new ProposalTimelineEntry(ProposalStatus.Draft, at, authorId, null));
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>Markdown as typed; rendered and sanitised for display.</summary>
    public string Description { get; private set; } = "";
    public ProposalCategory Category { get; private set; }
    public ScopeKind ScopeKind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public long? EstimatedCostFen { get; private set; }
    public CostSharingMethod? SuggestedCostSharing { get; private set; }
    public ProposalStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? SupportClosesAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    /// <summary>Kept in step with the support rows so lists can sort by it.</summary>
    public int SupportCount { get; private set; }
    /// <summary>The committee's cost estimate when accepted to a vote.</summary>
    public long? AcceptedCostFen { get; private set; }
    public CostSharingMethod? AcceptedCostSharing { get; private set; }
    public long? MergedIntoId { get; private set; }
    public string? DeclineReason { get; private set; }
    /// <summary>Bumped on every change: a concurrency token so two simultaneous supports cannot both move the status.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ProposalTimelineEntry> Timeline => _timeline;
    public IReadOnlyList<ProposalPhoto> Photos => _photos;

    public Scope Scope => new(ScopeKind, BuildingId, EntranceId);

    public void Revise(string title, string description, ProposalCategory category, Scope scope, long? estimatedCostFen, CostSharingMethod? suggestedCostSharing)
    {
        if (Status != ProposalStatus.Draft)
            throw new DomainException("proposal.not_draft", "Only a draft can be edited.");
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("proposal.title_required", "A proposal needs a title.");
        if (title.Trim().Length > TitleMaxLength)
            throw new DomainException("proposal.title_too_long", "The title is too long.");
        if (string.IsNullOrWhiteSpace(description))
            throw new DomainException("proposal.description_required", "A proposal needs a description.");
        if (description.Length > DescriptionMaxLength)
            throw new DomainException("proposal.description_too_long", "The description is too long.");
        if (estimatedCostFen is < 0)
            throw new DomainException("proposal.cost_negative", "A cost cannot be negative.");
        if (!Enum.IsDefined(category))
            throw new DomainException("proposal.category_unknown", "Unknown category.");
        Title = title.Trim();
        Description = description.Trim();
        Category = category;
        ScopeKind = scope.Kind;
        BuildingId = scope.BuildingId;
        EntranceId = scope.EntranceId;
        EstimatedCostFen = estimatedCostFen;
        SuggestedCostSharing = suggestedCostSharing;
        Touch();
    }

    /// <summary>A resident may propose for the whole compound or for a building or entrance they live in.</summary>
    public static bool MayProposeFor(Membership membership, Scope scope) => scope.Kind switch
    {
        ScopeKind.Compound => membership.IsResident,
        ScopeKind.Building => membership.Ties.Any(t => t.BuildingId == scope.BuildingId),
        ScopeKind.Entrance => membership.Ties.Any(t => t.BuildingId == scope.BuildingId && t.EntranceId == scope.EntranceId),
        _ => false,
    };

    /// <summary>
    /// Residents living in scope (any verified relation) support from publication until the vote starts, and not after
    /// the support period has ended (when <paramref name="at"/> is given); the author's own support is implied.
    /// </summary>
    public bool CanBeSupportedBy(Membership membership, string userId, DateTimeOffset? at = null) =>
        !(at is { } now && SupportPeriodEndedAt(now)) && (Status is ProposalStatus.Published or ProposalStatus.UnderReview or ProposalStatus.AcceptedToVote) && userId != AuthorId &&
        membership.Ties.Any(t => Scope.Covers(t.BuildingId, t.EntranceId));

    /// <summary>
    /// The flat a resident supports for: the first of their flats in scope whose household has not supported yet
    /// (one household, one support); null when every flat of theirs in scope already has.
    /// </summary>
    public long? SupportingFlatFor(Membership membership, IReadOnlyCollection<long> flatsAlreadySupporting) =>
        membership.Ties.Where(t => Scope.Covers(t.BuildingId, t.EntranceId)).Select(t => t.FlatId)
            .Where(f => !flatsAlreadySupporting.Contains(f)).Order().Cast<long?>().FirstOrDefault();

    /// <summary>True when a proposal still collecting support has reached the end of its support period at <paramref name="now"/>.</summary>
    public bool SupportPeriodEndedAt(DateTimeOffset now) => Status == ProposalStatus.Published && SupportClosesAt is { } closes && now >= closes;

    /// <summary>The status as residents should see it at <paramref name="now"/>: a published proposal past its support period is expired even before the sweep saves that.</summary>
    public ProposalStatus StatusAt(DateTimeOffset now) => SupportPeriodEndedAt(now) ? ProposalStatus.Expired : Status;

    /// <summary>
    /// At the end of its support period a proposal still collecting support expires: no more support, on the timeline.
    /// True when this call expired it.
    /// </summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (!SupportPeriodEndedAt(now)) return false;
        Move(ProposalStatus.Expired, now, "system", null);
        return true;
    }

    /// <summary>Support can be withdrawn only while the proposal is still collecting it.</summary>
    public bool SupportWithdrawable => Status == ProposalStatus.Published;

    public void AddPhoto(Guid storedFileId)
    {
        if (Status != ProposalStatus.Draft)
            throw new DomainException("proposal.not_draft", "Photos are added before publishing.");
        if (_photos.Count >= MaxPhotos)
            throw new DomainException("proposal.too_many_photos", $"At most {MaxPhotos} photos.");
        _photos.Add(new ProposalPhoto(storedFileId, _photos.Count));
    }

    public void Publish(DateTimeOffset at, string byUserId)
    {
        Move(ProposalStatus.Published, at, byUserId, null);
        PublishedAt = at;
        SupportClosesAt = at + SupportPeriod;
    }

    /// <summary>
    /// Records the current number of supporters. Reaching <paramref name="threshold"/> while published sends the
    /// proposal to review; returns true when this call did so.
    /// </summary>
    public bool RecordSupportCount(int supporters, int threshold, DateTimeOffset at)
    {
        if (supporters < 0) throw new DomainException("proposal.support_negative", "Support cannot be negative.");
        SupportCount = supporters;
        Touch();
        if (Status != ProposalStatus.Published || supporters < threshold) return false;
        Move(ProposalStatus.UnderReview, at, "system", null);
        return true;
    }

    /// <summary>The committee may also take a proposal up before it reaches the threshold.</summary>
    public void SendToReview(DateTimeOffset at, string byUserId, string? note = null) =>
        Move(ProposalStatus.UnderReview, at, byUserId, note);

    public void AcceptToVote(long costEstimateFen, CostSharingMethod costSharingMethod, DateTimeOffset at, string byUserId, string? note = null)
    {
        if (costEstimateFen <= 0)
            throw new DomainException("proposal.cost_required", "Accepting to a vote needs a positive cost estimate.");
        if (!Enum.IsDefined(costSharingMethod))
            throw new DomainException("proposal.cost_sharing_unknown", "Unknown cost-sharing method.");
        Move(ProposalStatus.AcceptedToVote, at, byUserId, note);
        AcceptedCostFen = costEstimateFen;
        AcceptedCostSharing = costSharingMethod;
    }

    public void MergeInto(long otherId, DateTimeOffset at, string byUserId, string? note = null)
    {
        if (otherId == Id)
            throw new DomainException("proposal.merge_into_self", "A proposal cannot be merged into itself.");
        Move(ProposalStatus.Merged, at, byUserId, note);
        MergedIntoId = otherId;
    }

    public void Decline(string reason, DateTimeOffset at, string byUserId)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("proposal.reason_required", "A decline needs a public reason.");
        Move(ProposalStatus.Declined, at, byUserId, reason);
        DeclineReason = reason.Trim();
    }

    public void StartVote(DateTimeOffset at, string byUserId, string? note = null) => Move(ProposalStatus.InVote, at, byUserId, note);

    public void RecordVoteResult(bool passed, DateTimeOffset at, string byUserId, string? note = null) =>
        Move(passed ? ProposalStatus.Approved : ProposalStatus.Rejected, at, byUserId, note);

    public void StartFunding(DateTimeOffset at, string byUserId, string? note = null) => Move(ProposalStatus.Funding, at, byUserId, note);

    public void StartConstruction(DateTimeOffset at, string byUserId, string? note = null) => Move(ProposalStatus.InConstruction, at, byUserId, note);

    public void Complete(DateTimeOffset at, string byUserId, string? note = null) => Move(ProposalStatus.Completed, at, byUserId, note);

    /// <summary>
    /// After the vote approved it, a proposal follows the plan item it became: funding once the item's campaign has
    /// opened, in construction, completed (also once the works are accepted). Moves as far as the item has gone, each step
    /// on the timeline; before approval, or after a rejection, it stays where it is. True when it moved.
    /// </summary>
    public bool FollowPlanItem(PlanItemStatus item, bool campaignOpened, DateTimeOffset at, string by)
    {
        var before = Status;
        var built = item is PlanItemStatus.InConstruction or PlanItemStatus.Completed or PlanItemStatus.Accepted;
        var done = item is PlanItemStatus.Completed or PlanItemStatus.Accepted;
        if (Status == ProposalStatus.Approved && campaignOpened) Move(ProposalStatus.Funding, at, by, null);
        if (Status is ProposalStatus.Approved or ProposalStatus.Funding && built) Move(ProposalStatus.InConstruction, at, by, null);
        if (Status == ProposalStatus.InConstruction && done) Move(ProposalStatus.Completed, at, by, null);
        return Status != before;
    }

    /// <summary>The only moves the lifecycle allows.</summary>
    public static bool CanMove(ProposalStatus from, ProposalStatus to) => (from, to) switch
    {
        (ProposalStatus.Draft, ProposalStatus.Published) => true,
        (ProposalStatus.Published, ProposalStatus.UnderReview) => true,
        (ProposalStatus.Published, ProposalStatus.Expired) => true,
        (ProposalStatus.Published or ProposalStatus.UnderReview, ProposalStatus.Merged or ProposalStatus.Declined) => true,
        (ProposalStatus.UnderReview, ProposalStatus.AcceptedToVote) => true,
        (ProposalStatus.AcceptedToVote, ProposalStatus.InVote) => true,
        (ProposalStatus.InVote, ProposalStatus.Approved or ProposalStatus.Rejected) => true,
        (ProposalStatus.Approved, ProposalStatus.Funding) => true,
        // Upgrades paid entirely from subsidies or the maintenance fund go straight to construction.
        (ProposalStatus.Approved or ProposalStatus.Funding, ProposalStatus.InConstruction) => true,
        (ProposalStatus.InConstruction, ProposalStatus.Completed) => true,
        _ => false,
    };

    public bool IsOpenForSupport => Status == ProposalStatus.Published;

    private void Move(ProposalStatus next, DateTimeOffset at, string byUserId, string? note)
    {
        if (!CanMove(Status, next))
            throw new DomainException("proposal.illegal_transition", $"A proposal cannot move from {Status} to {next}.");
        Status = next;
        StatusChangedAt = at;
        _timeline.Add(new ProposalTimelineEntry(next, at, byUserId, note));
        Touch();
    }

    private void Touch() => Version++;
}
