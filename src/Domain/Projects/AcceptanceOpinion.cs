using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>What a residents' representative says of the completed works (居民代表验收意见).</summary>
public enum AcceptanceVerdict
{
    Agree = 0,        // 同意验收
    Disagree = 1,     // 不同意验收
    Conditional = 2,  // 有条件同意
}

/// <summary>In which capacity someone represents the residents at the acceptance.</summary>
public enum RepresentativeCapacity
{
    /// <summary>楼门长 of a building or entrance in the item's scope.</summary>
    BuildingLead = 0,
    /// <summary>Owner or co-owner of a flat in the item's scope.</summary>
    Owner = 1,
}

/// <summary>
/// Who represents the residents for one item: a building lead whose building or entrance lies in the item's scope, or
/// an owner of a flat in it. A lead's role comes first (that is why they were chosen); an owner of several flats in
/// scope is named by the first.
/// </summary>
public sealed record Representative(RepresentativeCapacity Capacity, long BuildingId, long? EntranceId, long? FlatId)
{
    public static Representative? Of(Membership membership, PlanItem item)
    {
        var scope = item.Scope;
        foreach (var role in membership.Roles.Where(r => r.Kind == CompoundRoleKind.BuildingLead && r.BuildingId is not null))
        {
            var inScope = role.EntranceId is { } entrance
                ? scope.Covers(role.BuildingId!.Value, entrance)
                : scope.Kind == ScopeKind.Compound || scope.BuildingId == role.BuildingId;
            if (inScope) return new(RepresentativeCapacity.BuildingLead, role.BuildingId!.Value, role.EntranceId, null);
        }
        var tie = membership.Ties.Where(t => t.Relation.MayVote() && scope.Covers(t.BuildingId, t.EntranceId))
            .OrderBy(t => t.FlatId).FirstOrDefault();
        return tie is null ? null : new(RepresentativeCapacity.Owner, tie.BuildingId, tie.EntranceId, tie.FlatId);
    }
}

/// <summary>
/// One representative's acceptance opinion on one completed item: one row per account and item, replaced when they
/// give it again. Open while the item is Completed, i.e. until the acceptance is recorded.
/// </summary>
public class AcceptanceOpinion
{
    public const int TextMaxLength = 2000;

    private AcceptanceOpinion() { }

    public static AcceptanceOpinion Give(PlanItem item, string userId, Representative representative, AcceptanceVerdict verdict, string? text,
        DateTimeOffset at)
    {
        var opinion = new AcceptanceOpinion
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            UserId = userId,
            GivenAt = at,
        };
        opinion.Set(item, representative, verdict, text, at);
        return opinion;
    }

    /// <summary>The representative gives their opinion again: it replaces the earlier one.</summary>
    public void Replace(PlanItem item, Representative representative, AcceptanceVerdict verdict, string? text, DateTimeOffset at)
    {
        if (item.Id != PlanItemId) throw new DomainException("acceptance.opinion_wrong_item", "That opinion belongs to another item.");
        Set(item, representative, verdict, text, at);
    }

    private void Set(PlanItem item, Representative representative, AcceptanceVerdict verdict, string? text, DateTimeOffset at)
    {
        if (item.Status != PlanItemStatus.Completed)
            throw new DomainException("acceptance.opinion_item_not_completed", "Opinions are given on completed works before the acceptance is recorded.");
        if (!Enum.IsDefined(verdict))
            throw new DomainException("acceptance.opinion_verdict", "Choose agree, disagree or agree with conditions.");
        var tidy = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (verdict != AcceptanceVerdict.Agree && tidy is null)
            throw new DomainException("acceptance.opinion_text_required", "Say why, or on which conditions.");
        if (tidy is { Length: > TextMaxLength })
            throw new DomainException("acceptance.opinion_text_too_long", $"An opinion is at most {TextMaxLength} characters.");
        Verdict = verdict;
        Text = tidy;
        Capacity = representative.Capacity;
        BuildingId = representative.BuildingId;
        EntranceId = representative.EntranceId;
        FlatId = representative.FlatId;
        UpdatedAt = at;
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public string UserId { get; private set; } = "";
    public AcceptanceVerdict Verdict { get; private set; }
    public string? Text { get; private set; }
    public RepresentativeCapacity Capacity { get; private set; }
    /// <summary>The building (and entrance) the representative leads, or of the flat they own.</summary>
    public long BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public long? FlatId { get; private set; }
    public DateTimeOffset GivenAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}

/// <summary>How many representatives agreed, disagreed and agreed with conditions.</summary>
public sealed record OpinionCounts(int Agree, int Disagree, int Conditional)
{
    public static readonly OpinionCounts None = new(0, 0, 0);

    public static OpinionCounts Of(IEnumerable<AcceptanceVerdict> verdicts)
    {
        var list = verdicts.ToList();
        return new(list.Count(v => v == AcceptanceVerdict.Agree), list.Count(v => v == AcceptanceVerdict.Disagree),
            list.Count(v => v == AcceptanceVerdict.Conditional));
    }

    public int Total => Agree + Disagree + Conditional;
}
