using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;

using Portal.Features.Accounts;
using Portal.Features.Register;

namespace Portal.Features.Projects;

/// <summary>
/// One representative's acceptance opinion as the item page lists it: who (the account's name, for those who may see
/// names), in which capacity and where (the building and entrance they lead, or the flat they own), and what they said.
/// </summary>
public sealed record OpinionLine(long Id, string UserId, string? Name, RepresentativeCapacity Capacity, string Building, string? Entrance,
    string? Flat, AcceptanceVerdict Verdict, string? Text, DateTimeOffset UpdatedAt);

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

    public async Task<OpinionCounts> OpinionCountsAsync(long planItemId, CancellationToken ct = default) =>
        OpinionCounts.Of(await db.Set<AcceptanceOpinion>().Where(o => o.PlanItemId == planItemId).Select(o => o.Verdict).ToListAsync(ct));

    /// <summary>The representatives' opinions on an item, by building, entrance and flat.</summary>
    public async Task<List<OpinionLine>> OpinionsAsync(long planItemId, CancellationToken ct = default)
    {
        var rows = await (from o in db.Set<AcceptanceOpinion>().AsNoTracking()
                          where o.PlanItemId == planItemId
                          join u in db.Set<PortalUser>() on o.UserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          join b in db.Set<Building>() on o.BuildingId equals b.Id
                          join e in db.Set<Entrance>() on o.EntranceId equals e.Id into entrances
                          from e in entrances.DefaultIfEmpty()
                          join f in db.Set<Flat>() on o.FlatId equals f.Id into flats
                          from f in flats.DefaultIfEmpty()
                          select new { o, Name = u == null ? null : u.DisplayName, Building = b.Name, Entrance = e == null ? null : e.Name, Room = f == null ? null : f.Room })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.o.BuildingId).ThenBy(r => r.o.EntranceId).ThenBy(r => r.o.Capacity).ThenBy(r => r.Room, StringComparer.Ordinal).ThenBy(r => r.o.Id)
            .Select(r => new OpinionLine(r.o.Id, r.o.UserId, r.Name, r.o.Capacity, r.Building, r.Entrance,
                r.Room is null || r.Entrance is null ? null : FlatLabel.Of(r.Building, r.Entrance, r.Room), r.o.Verdict, r.o.Text, r.o.UpdatedAt))
            .ToList();
    }
}
