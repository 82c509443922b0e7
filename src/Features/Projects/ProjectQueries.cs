using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Shared;

namespace Portal.Features.Projects;

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
}
