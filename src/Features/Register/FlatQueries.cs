using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Shared;

namespace Portal.Features.Register;

/// <summary>A flat with the names of its building and entrance, as lists, letters and imports show it.</summary>
public sealed class NamedFlat
{
    public required Flat Flat { get; init; }
    public required string Building { get; init; }
    public required string Entrance { get; init; }

    /// <summary>3-2-501. Computed after the query has run; do not filter or sort on it in the database.</summary>
    public string Label => FlatLabel.Of(Building, Entrance, Flat.Room);
}

/// <summary>The questions many pages and use cases ask of the register's flats, asked one way.</summary>
public static class FlatQueries
{
    /// <summary>The compound's flats that <paramref name="scope"/> covers: all of them, one building's or one entrance's.</summary>
    public static IQueryable<Flat> FlatsIn(this PortalDb db, long compoundId, Scope scope)
    {
        var flats = db.Set<Flat>().Where(f => f.CompoundId == compoundId);
        return scope.Kind switch
        {
            ScopeKind.Compound => flats,
            ScopeKind.Building => flats.Where(f => f.BuildingId == scope.BuildingId),
            ScopeKind.Entrance => flats.Where(f => f.EntranceId == scope.EntranceId),
            _ => flats.Where(f => false),
        };
    }

    /// <summary>Every flat with its building and entrance names, to filter, join and project further.</summary>
    public static IQueryable<NamedFlat> NamedFlats(this PortalDb db) => db.Set<Flat>().WithNames(db);

    /// <summary>These flats with their building and entrance names.</summary>
    public static IQueryable<NamedFlat> WithNames(this IQueryable<Flat> flats, PortalDb db) =>
        from f in flats
        join b in db.Set<Building>() on f.BuildingId equals b.Id
        join e in db.Set<Entrance>() on f.EntranceId equals e.Id
        select new NamedFlat { Flat = f, Building = b.Name, Entrance = e.Name };
}
