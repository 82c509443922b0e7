using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;

using Portal.Features.Register;

namespace Portal.Features.Projects;

/// <summary>One of the viewer's flats in a survey's scope, with the answer given for it so far.</summary>
public sealed record RatableFlat(long FlatId, string Label, int? Rating, string? Comment);

/// <summary>Reads shared by the project pages and use cases.</summary>
public sealed class ProjectQueries(PortalDb db)
{
    public static string Link(Compound compound, long planItemId) => $"/c/{compound.Code}/projects/{planItemId}";

    /// <summary>The survey's ratings so far against the flats in the item's scope.</summary>
    public async Task<SurveyResults> SurveyResultsAsync(SatisfactionSurvey survey, PlanItem item, CancellationToken ct = default)
    {
        var ratings = await db.Set<SurveyAnswer>().Where(a => a.SurveyId == survey.Id).Select(a => a.Rating).ToListAsync(ct);
        return SurveyResults.Of(ratings, await db.FlatsIn(item.CompoundId, item.Scope).CountAsync(ct));
    }

    /// <summary>The flats in the item's scope that <paramref name="membership"/> may rate (as owner or co-owner), in building order.</summary>
    public async Task<List<RatableFlat>> RatableFlatsAsync(SatisfactionSurvey survey, PlanItem item, Membership membership, CancellationToken ct = default)
    {
        var mine = membership.Ties.Where(t => t.Relation.MayVote() && item.Scope.Covers(t.BuildingId, t.EntranceId)).Select(t => t.FlatId).Distinct().ToList();
        if (mine.Count == 0) return [];
        var answers = await db.Set<SurveyAnswer>().AsNoTracking().Where(a => a.SurveyId == survey.Id && mine.Contains(a.FlatId)).ToListAsync(ct);
        var flats = await db.NamedFlats().AsNoTracking().Where(f => mine.Contains(f.Flat.Id)).ToListAsync(ct);
        return flats.OrderBy(l => l.Building).ThenBy(l => l.Entrance).ThenBy(l => l.Flat.Room).Select(l =>
        {
            var a = answers.FirstOrDefault(x => x.FlatId == l.Flat.Id);
            return new RatableFlat(l.Flat.Id, l.Label, a?.Rating, a?.Comment);
        }).ToList();
    }
}
