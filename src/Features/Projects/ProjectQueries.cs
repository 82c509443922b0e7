using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;

namespace Portal.Features.Projects;

/// <summary>One of the viewer's flats in a survey's scope, with the answer given for it so far.</summary>
public sealed record RatableFlat(long FlatId, string Label, int? Rating, string? Comment);

/// <summary>Reads shared by the project pages and use cases.</summary>
public sealed class ProjectQueries(PortalDb db)
{
    public static string Link(Compound compound, long planItemId) => $"/c/{compound.Code}/projects/{planItemId}";

    public IQueryable<Flat> FlatsInScope(PlanItem item)
    {
        var q = db.Set<Flat>().Where(f => f.CompoundId == item.CompoundId);
        return item.ScopeKind switch
        {
            ScopeKind.Building => q.Where(f => f.BuildingId == item.BuildingId),
            ScopeKind.Entrance => q.Where(f => f.EntranceId == item.EntranceId),
            _ => q,
        };
    }

    /// <summary>The survey's ratings so far against the flats in the item's scope.</summary>
    public async Task<SurveyResults> SurveyResultsAsync(SatisfactionSurvey survey, PlanItem item, CancellationToken ct = default)
    {
        var ratings = await db.Set<SurveyAnswer>().Where(a => a.SurveyId == survey.Id).Select(a => a.Rating).ToListAsync(ct);
        return SurveyResults.Of(ratings, await FlatsInScope(item).CountAsync(ct));
    }

    /// <summary>The flats in the item's scope that <paramref name="membership"/> may rate (as owner or co-owner), in building order.</summary>
    public async Task<List<RatableFlat>> RatableFlatsAsync(SatisfactionSurvey survey, PlanItem item, Membership membership, CancellationToken ct = default)
    {
        var mine = membership.Ties.Where(t => t.Relation.MayVote() && item.Scope.Covers(t.BuildingId, t.EntranceId)).Select(t => t.FlatId).Distinct().ToList();
        if (mine.Count == 0) return [];
        var answers = await db.Set<SurveyAnswer>().AsNoTracking().Where(a => a.SurveyId == survey.Id && mine.Contains(a.FlatId)).ToListAsync(ct);
        var labels = await (from f in db.Set<Flat>()
                            join b in db.Set<Building>() on f.BuildingId equals b.Id
                            join e in db.Set<Entrance>() on f.EntranceId equals e.Id
                            where mine.Contains(f.Id)
                            select new { f.Id, Building = b.Name, Entrance = e.Name, f.Room }).ToListAsync(ct);
        return labels.OrderBy(l => l.Building).ThenBy(l => l.Entrance).ThenBy(l => l.Room).Select(l =>
        {
            var a = answers.FirstOrDefault(x => x.FlatId == l.Id);
            return new RatableFlat(l.Id, FlatLabel.Of(l.Building, l.Entrance, l.Room), a?.Rating, a?.Comment);
        }).ToList();
    }
}
