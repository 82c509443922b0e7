namespace Portal.Domain.Residents;

public enum CompoundRoleKind
{
    /// <summary>居委会/业委会: register, verification, votes, ledger.</summary>
    Committee = 0,
    /// <summary>物业: notices and construction updates.</summary>
    PropertyManager = 1,
    /// <summary>楼门长: follows turnout in their building or entrance.</summary>
    BuildingLead = 2,
}

/// <summary>A role an account holds within one compound (a building lead within one building or entrance).</summary>
public class CompoundRole
{
    private CompoundRole() { }

    public CompoundRole(string userId, long compoundId, CompoundRoleKind kind, long? buildingId, long? entranceId, DateTimeOffset grantedAt, string grantedBy)
    {
        UserId = userId;
        CompoundId = compoundId;
        Kind = kind;
        BuildingId = buildingId;
        EntranceId = entranceId;
        GrantedAt = grantedAt;
        GrantedBy = grantedBy;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public long CompoundId { get; private set; }
    public CompoundRoleKind Kind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public string GrantedBy { get; private set; } = "";
}

/// <summary>A city officer watches every compound of a city, or of one district in it.</summary>
public class CityOfficerScope
{
    private CityOfficerScope() { }

    public CityOfficerScope(string userId, string city, string? district)
    {
        UserId = userId;
        City = city.Trim();
        District = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string City { get; private set; } = "";
    public string? District { get; private set; }

    public bool Covers(string city, string district) =>
        City == city && (District is null || District == district);
}
