using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Funding;

namespace Portal.Features.Home;

/// <summary>A tenant's or family member's request to be linked to one of the owner's flats, waiting for the owner.</summary>
public sealed class TenantRequestsToAnswer(PortalDb db, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (!viewer.Membership.Can(Capability.CastBallot)) return [];
        var owners = await (from l in db.Set<ResidentLink>()
                            join f in db.Set<Portal.Domain.Register.Flat>() on l.FlatId equals f.Id
                            where l.UserId == viewer.UserId && l.CompoundId == viewer.Compound.Id && l.UnlinkedAt == null
                                  && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                            select f.OwnerOfRecordId).Distinct().ToListAsync(ct);
        if (owners.Count == 0) return [];
        var pending = await (from r in db.Set<LinkRequest>()
                             join f in db.Set<Portal.Domain.Register.Flat>() on r.FlatId equals f.Id
                             where owners.Contains(f.OwnerOfRecordId) && r.Status == LinkRequestStatus.Pending
                                   && (r.Relation == ResidentRelation.Tenant || r.Relation == ResidentRelation.Family)
                             select r.Id).CountAsync(ct);
        return pending == 0 ? [] : [new TodoItem("tenant-requests", t["Todo_TenantRequests", pending], t["Todo_TenantRequestsAction"], "/residents/flats", null)];
    }
}

/// <summary>Open votes in which one of the owner's flats has no ballot yet (for the flats' voting representative).</summary>
public sealed class VotesToCast(PortalDb db, TimeProvider clock, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (!viewer.Membership.Can(Capability.CastBallot)) return [];
        var now = clock.GetUtcNow();
        var open = await db.Set<Vote>().AsNoTracking()
            .Where(v => v.CompoundId == viewer.Compound.Id && v.Status == VoteStatus.Open).ToListAsync(ct);
        var items = new List<TodoItem>();
        foreach (var vote in open.Where(v => v.AcceptsBallotsAt(now)).OrderBy(v => v.ClosesAt))
        {
            var voteId = vote.Id;
            var owners = await (from l in db.Set<ResidentLink>()
                                join f in db.Set<ElectorateFlat>() on l.FlatId equals f.FlatId
                                where f.VoteId == voteId && l.UserId == viewer.UserId && l.UnlinkedAt == null
                                      && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                                select f.OwnerOfRecordId).Distinct().ToListAsync(ct);
            // Co-owners vote through their representative: the others have nothing to do.
            var casting = new List<long>();
            foreach (var owner in owners)
                if (await Portal.Features.Residents.VotingRepresentatives.MayVoteForAsync(db, owner, viewer.UserId, ct)) casting.Add(owner);
            owners = casting;
            if (owners.Count == 0) continue;
            var voted = await db.Set<CurrentBallot>().CountAsync(b => b.VoteId == voteId && owners.Contains(b.OwnerOfRecordId), ct);
            if (voted >= owners.Count) continue;
            items.Add(new TodoItem("vote", t["Todo_Vote", vote.Title], t["Todo_VoteAction"],
                $"/c/{viewer.Compound.Code}/votes/{vote.Id}", vote.ClosesAt));
        }
        return items;
    }
}

/// <summary>Current notices that ask for a confirmation which one of the resident's flats has not given.</summary>
public sealed class NoticesToConfirm(PortalDb db, TimeProvider clock, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        var ties = viewer.Membership.Ties;
        if (ties.Count == 0) return [];
        var now = clock.GetUtcNow();
        var notices = await db.Set<Notice>().AsNoTracking()
            .Where(n => n.CompoundId == viewer.Compound.Id && n.RequiresAcknowledgement && n.PublishedAt != null).ToListAsync(ct);
        var items = new List<TodoItem>();
        foreach (var notice in notices.Where(n => n.IsCurrent(now)).OrderByDescending(n => n.PublishedAt))
        {
            var flats = ties.Where(x => notice.Covers(x.BuildingId, x.EntranceId)).Select(x => x.FlatId).Distinct().ToList();
            if (flats.Count == 0) continue;
            var noticeId = notice.Id;
            var done = await db.Set<NoticeAcknowledgement>().CountAsync(a => a.NoticeId == noticeId && flats.Contains(a.FlatId), ct);
            if (done >= flats.Count) continue;
            items.Add(new TodoItem("notice", t["Todo_Notice", notice.Title], t["Todo_NoticeAction"],
                $"/c/{viewer.Compound.Code}/notices/{notice.Id}", notice.ExpiresAt));
        }
        return items;
    }
}

/// <summary>Pledges to pay: a card that was not charged, or an offline pledge whose campaign succeeded.</summary>
public sealed class PledgesDue(PortalDb db, IOptions<FundingSettings> settings, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (viewer.Membership.Ties.Count == 0) return [];
        var rows = await (from p in db.Set<Pledge>()
                          join c in db.Set<Campaign>() on p.CampaignId equals c.Id
                          join i in db.Set<PlanItem>() on c.PlanItemId equals i.Id
                          where p.CompoundId == viewer.Compound.Id && p.UserId == viewer.UserId
                                && (p.Status == PledgeStatus.ActionNeeded
                                    || (p.Method == PledgeMethod.Offline && p.Status == PledgeStatus.Pledged && c.Status == CampaignStatus.Succeeded))
                          select new { Pledge = p, ItemId = i.Id, i.Title }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new TodoItem("pledge",
            t["Todo_Pledge", r.Title, Money.FormatYuan(r.Pledge.OwedFen)], t["Todo_PledgeAction"],
            $"/c/{viewer.Compound.Code}/funding/{r.ItemId}",
            r.Pledge.ActionNeededSince?.AddDays(settings.Value.GracePeriodDays))).ToList();
    }
}

/// <summary>Open satisfaction surveys on completed works that one of the owner's flats has not answered.</summary>
public sealed class SurveysToAnswer(PortalDb db, TimeProvider clock, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        var owned = viewer.Membership.Ties.Where(x => x.Relation.MayVote()).ToList();
        if (owned.Count == 0) return [];
        var now = clock.GetUtcNow();
        var surveys = await (from s in db.Set<SatisfactionSurvey>()
                             join i in db.Set<PlanItem>() on s.PlanItemId equals i.Id
                             where s.CompoundId == viewer.Compound.Id && s.ClosedAt == null && s.OpensAt <= now && s.ClosesAt > now
                             select new { Survey = s, Item = i }).AsNoTracking().ToListAsync(ct);
        var items = new List<TodoItem>();
        foreach (var row in surveys)
        {
            var flats = owned.Where(x => row.Item.Scope.Covers(x.BuildingId, x.EntranceId)).Select(x => x.FlatId).Distinct().ToList();
            if (flats.Count == 0) continue;
            var surveyId = row.Survey.Id;
            var answered = await db.Set<SurveyAnswer>().CountAsync(a => a.SurveyId == surveyId && flats.Contains(a.FlatId), ct);
            if (answered >= flats.Count) continue;
            items.Add(new TodoItem("survey", t["Todo_Survey", row.Item.Title], t["Todo_SurveyAction"],
                $"/c/{viewer.Compound.Code}/projects/{row.Item.Id}", row.Survey.ClosesAt));
        }
        return items;
    }
}
