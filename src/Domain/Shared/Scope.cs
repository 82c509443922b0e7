using Portal.Domain.Shared;

namespace Portal.Domain.Shared;

public enum ScopeKind
{
    Compound = 0,
    Building = 1,
    Entrance = 2,
}

/// <summary>
/// Who something concerns: the whole compound, one building, or one entrance. Votes on entrance-level
/// works (elevators) are decided by that entrance's owners only.
/// </summary>
public sealed record Scope(ScopeKind Kind, long? BuildingId, long? EntranceId)
{
    public static readonly Scope WholeCompound = new(ScopeKind.Compound, null, null);
    public static Scope OfBuilding(long buildingId) => new(ScopeKind.Building, buildingId, null);
    public static Scope OfEntrance(long buildingId, long entranceId) => new(ScopeKind.Entrance, buildingId, entranceId);

    public bool Covers(long buildingId, long entranceId) => Kind switch
    {
        ScopeKind.Compound => true,
        ScopeKind.Building => BuildingId == buildingId,
        ScopeKind.Entrance => EntranceId == entranceId,
        _ => false,
    };

    public static Scope Validated(ScopeKind kind, long? buildingId, long? entranceId) => kind switch
    {
        ScopeKind.Compound => WholeCompound,
        ScopeKind.Building when buildingId is not null => OfBuilding(buildingId.Value),
        ScopeKind.Entrance when buildingId is not null && entranceId is not null => OfEntrance(buildingId.Value, entranceId.Value),
        _ => throw new DomainException("scope.incomplete", "A building scope needs a building; an entrance scope needs a building and an entrance."),
    };
}
